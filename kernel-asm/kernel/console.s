* console.s: the console driver. Owns trap 1 (output) and trap 2 (input), the
* pre-assigned cached kernel calls of Synthesis ("stdout" and "stdin"), and the kernel's
* own printing: characters, strings, decimal and hexadecimal numbers. Every byte goes
* out through kputc, which also puts it on the framebuffer console (fbcons.s, included
* at the end of this file) once fbc_init has run.

* trap 1: d0 = character. Nothing else is touched.
con_trap1:      bsr     kputc
                rte
* trap 2: d0 <- the next input byte, or -1 when none waits.
con_trap2:      move.l  CONSOLE_RX,d0
                rte

* kputc: d0 = character. Preserves every register.
kputc:          tst.l   fbc_on                  ; the screen too (fbcons.s), which
                bne     fbc_putc                ; writes the host console itself
                move.l  d0,CONSOLE_TX
                rts

* kputs: a0 = NUL-terminated string. Preserves every register.
kputs:          move.l  a0,-(sp)
                move.l  d0,-(sp)
                moveq   #0,d0
.next:          move.b  (a0)+,d0
                beq.s   .done
                bsr     kputc
                bra.s   .next
.done:          move.l  (sp)+,d0
                movea.l (sp)+,a0
                rts

* kputdec: d0 printed as an unsigned decimal number. Preserves every register.
kputdec:        movem.l d0-d1/a0,-(sp)
                lea     -12(sp),sp
                lea     12(sp),a0
                clr.b   -(a0)
.digit:         divul.l #10,d1:d0               ; d0 = quotient, d1 = remainder
                addi.b  #'0',d1
                move.b  d1,-(a0)
                tst.l   d0
                bne.s   .digit
                bsr     kputs
                lea     12(sp),sp
                movem.l (sp)+,d0-d1/a0
                rts

* kputhex: d0 printed in hexadecimal, no leading zeros. Preserves every register.
kputhex:        movem.l d0-d2,-(sp)
                moveq   #7,d2
                moveq   #0,d1                   ; a digit printed yet
.nib:           rol.l   #4,d0
                move.l  d0,-(sp)
                andi.l  #$F,d0
                bne.s   .print
                tst.w   d2
                beq.s   .print                  ; the last digit always
                tst.w   d1
                beq.s   .skip
.print:         moveq   #1,d1
                cmpi.b  #10,d0
                blo.s   .dec
                addq.b  #'A'-'0'-10,d0
.dec:           addi.b  #'0',d0
                bsr     kputc
.skip:          move.l  (sp)+,d0
                dbra    d2,.nib
                movem.l (sp)+,d0-d2
                rts

                include "fbcons.s"
