* fcopy.s: the `files` image. Copies one file of the disk (--disk) to another with the
* file calls, in 4096-byte blocks: the read/write loop of the Cassyopia paper's Figure 1.
* The names come from the console: one line "SOURCE DEST" on standard input (piped: the
* program waits up to 100 ms of emulated time for each character); without input it
* copies "input" to "output". Prints what it did, or the error the kernel
* returned (docs/kernel.md lists the codes), and exits with the kernel's report.

user_threads:   dc.l    fcopy,USERBASE,n_fcopy
                dc.l    0
n_fcopy:        dc.b    "fcopy",0
                even

BLOCK           equ     4096
BUF             equ     USERBASE+$8000
NAMES           equ     USERBASE+$7000          ; two names of up to 63 characters

                org     USERBASE
fcopy:          lea     NAMES,a3                ; source name
                lea     NAMES+64,a4             ; destination name
                movea.l a3,a0
                bsr     getword
                tst.l   d0
                bne.s   .two
                lea     d_src(pc),a0            ; no input: the defaults
                movea.l a3,a1
.c1:            move.b  (a0)+,(a1)+
                bne.s   .c1
                lea     d_dst(pc),a0
                movea.l a4,a1
.c2:            move.b  (a0)+,(a1)+
                bne.s   .c2
                bra.s   .go
.two:           movea.l a4,a0
                bsr     getword
                tst.l   d0
                bne.s   .go
                lea     m_usage(pc),a0
                jsr     u_puts
                jsr     u_exit
.go:            movea.l a3,a0
                moveq   #0,d0                   ; read-only
                jsr     u_open
                move.l  d0,d6
                bmi     .esrc
                movea.l a4,a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d5
                bmi     .edst
                moveq   #0,d4                   ; bytes copied
.loop:          move.l  d6,d0                   ; the loop of Figure 1
                lea     BUF,a0
                move.l  #BLOCK,d1
                jsr     u_read
                tst.l   d0
                ble.s   .end
                move.l  d0,d1
                move.l  d5,d0
                lea     BUF,a0
                jsr     u_fwrite
                tst.l   d0
                bmi.s   .ewr
                add.l   d0,d4
                bra.s   .loop
.end:           bmi.s   .erd
                move.l  d6,d0
                jsr     u_close
                move.l  d5,d0
                jsr     u_close
                tst.l   d0
                bmi.s   .ecl
                movea.l a3,a0
                jsr     u_puts
                lea     m_to(pc),a0
                jsr     u_puts
                movea.l a4,a0
                jsr     u_puts
                move.l  d4,d0
                lea     m_bytes(pc),a0
                jsr     u_line
                jsr     u_exit
.esrc:          lea     m_esrc(pc),a0
                bra.s   .fail
.edst:          lea     m_edst(pc),a0
                bra.s   .fail
.ewr:           lea     m_ewr(pc),a0
                bra.s   .fail
.erd:           lea     m_erd(pc),a0
                bra.s   .fail
.ecl:           lea     m_ecl(pc),a0
.fail:          jsr     u_line
                jsr     u_exit

* getword: a0 = destination (64 bytes). Skips blanks, reads up to a blank, a newline
* or the end of input from the console (K_GETC). d0 <- its length.
getword:        movem.l d3/a3,-(sp)
                movea.l a0,a3
                moveq   #0,d3
.skip:          bsr     getc
                cmp.l   #' ',d0
                beq.s   .skip
                cmp.l   #9,d0
                beq.s   .skip
.ch:            tst.l   d0                      ; -1: no more input
                bmi.s   .end
                cmp.l   #' ',d0
                bls.s   .end                    ; blank, tab, newline, CR
                cmp.l   #63,d3
                bhs.s   .next
                move.b  d0,(a3)+
                addq.l  #1,d3
.next:          bsr     getc
                bra.s   .ch
.end:           clr.b   (a3)
                move.l  d3,d0
                movem.l (sp)+,d3/a3
                rts

* getc: d0 <- the next console character, or -1 when none came within 100 ms (the host
* feeds standard input asynchronously, so "none yet" is not "the end").
getc:           move.l  d3,-(sp)
                moveq   #50,d3
.try:           moveq   #K_GETC,d2
                trap    #15
                tst.l   d0
                bpl.s   .got
                move.l  #50000,d0               ; 2 ms at 25 MHz
                jsr     u_ksleep
                subq.l  #1,d3
                bne.s   .try
                moveq   #-1,d0
.got:           move.l  (sp)+,d3
                rts

d_src:          dc.b    "input",0
d_dst:          dc.b    "output",0
m_to:           dc.b    " -> ",0
m_bytes:        dc.b    ": bytes copied ",0
m_usage:        dc.b    "fcopy: give one line 'SOURCE DEST' on standard input",10,0
m_esrc:         dc.b    "fcopy: cannot open the source, error ",0
m_edst:         dc.b    "fcopy: cannot create the destination, error ",0
m_ewr:          dc.b    "fcopy: write failed, error ",0
m_erd:          dc.b    "fcopy: read failed, error ",0
m_ecl:          dc.b    "fcopy: close failed (blocks not written), error ",0
                even
