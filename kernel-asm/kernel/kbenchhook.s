* kbenchhook.s: put first in the benchmark image (kbench). Defines KBENCH_HOOK, so boot.s
* calls kbench_boot (kernel/kbench.s) after the boot threads exist and before the timer
* starts. Nothing else: the other images never see the symbol.
KBENCH_HOOK     equ     1
