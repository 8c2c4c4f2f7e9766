* soundhook.s: put first in an image that has the Sound-IO driver (kernel/sound.s).
* Defines SOUND_HOOK, so boot.s points every vector table's level-5 autovector at the
* synthesized handler, starts the driver, and synth.s names its templates. Nothing else.
SOUND_HOOK      equ     1
