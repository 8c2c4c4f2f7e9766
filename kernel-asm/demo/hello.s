* hello.s: the demo image. Prints a line on the console and halts with exit code 0.
* Device registers (../shared/quamachine.md): 32-bit, big-endian; CONSOLE_TX takes the
* low byte of what is written, HALT stops the machine with the written value as exit code.

CONSOLE_TX  equ     $FFFF0000
HALT        equ     $FFFF0010

            section text
            org     $1000

* Hand-encoded for now: the instruction encoder is still being written.
start:      dc.w    $41FA,msg-(*+2)         ; lea     msg(pc),a0
            dc.w    $7000                   ; moveq   #0,d0
.loop:      dc.w    $1018                   ; move.b  (a0)+,d0
            dc.b    $67,.done-(*+2)         ; beq.s   .done
            dc.w    $23C0                   ; move.l  d0,CONSOLE_TX
            dc.l    CONSOLE_TX
            dc.b    $60,.loop-(*+2)         ; bra.s   .loop
.done:      dc.w    $23FC                   ; move.l  #0,HALT
            dc.l    0,HALT

msg:        dc.b    "Hello from the Quamachine!",10,0
            even
