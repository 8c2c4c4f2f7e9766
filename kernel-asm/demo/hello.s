* hello.s: the demo image. Prints a line on the console and halts with exit code 0.
* Device registers (../shared/quamachine.md): 32-bit, big-endian; CONSOLE_TX takes the
* low byte of what is written, HALT stops the machine with the written value as exit code.

CONSOLE_TX  equ     $FFFF0000
HALT        equ     $FFFF0010

            section text
            org     $1000

start:      lea     msg(pc),a0
            moveq   #0,d0
.loop:      move.b  (a0)+,d0            ; next character; the NUL ends the line
            beq.s   .done
            move.l  d0,CONSOLE_TX       ; a long write: the low byte is the character
            bra.s   .loop
.done:      move.l  #0,HALT             ; exit code 0
.hang:      bra.s   .hang               ; not reached: HALT stops the machine

msg:        dc.b    "Hello from the Quamachine!",10,0
            even
