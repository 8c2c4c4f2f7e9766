* noflush.s: put first in an image to build the synthesizer without its I-cache clears
* (synth.s tests NOFLUSH). Only for the test that shows the clear is needed.
NOFLUSH         equ     1
