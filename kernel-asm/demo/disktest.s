* disktest.s: a standalone test of the disk device (no kernel). Reads block 0 into RAM
* through the device and waits for the level-3 completion interrupt in STOP, prints the
* first 8 bytes in hex, writes a block of text to block 1, then asks for two bad requests
* (a block past any disk, a count of 0) and checks that each sets the error bit.
* Halts with 0 when every step behaved, else with the number of the step that failed.

CONSOLE_TX  equ     $FFFF0000
HALT        equ     $FFFF0010
DISK_BLOCK  equ     $FFFF0200
DISK_COUNT  equ     $FFFF0204
DISK_ADDR   equ     $FFFF0208
DISK_CMD    equ     $FFFF020C
DISK_STATUS equ     $FFFF0210
DISK_ACK    equ     $FFFF0214
VEC_LEVEL3  equ     27*4            ; autovector of interrupt level 3

            section text
            org     $1000

start:      move.l  #disk_irq,VEC_LEVEL3
            move.w  #$2000,sr               ; supervisor, all interrupt levels
            lea     hello(pc),a0
            bsr     puts
* 1: read block 0
            moveq   #0,d0
            moveq   #1,d1
            lea     buf,a0
            moveq   #1,d2
            bsr     disk_io
            moveq   #1,d7
            tst.l   d0
            bne     fail
            lea     m_read(pc),a0
            bsr     puts
            lea     buf,a1
            moveq   #7,d3
.hex:       move.b  (a1)+,d0
            bsr     puthex2
            moveq   #' ',d0
            bsr     putc
            dbra    d3,.hex
            moveq   #10,d0
            bsr     putc
* 2: write block 1 from a buffer of text
            lea     wbuf,a1
            lea     wtext(pc),a0
.copy:      move.b  (a0)+,(a1)+
            bne.s   .copy
            moveq   #1,d0
            moveq   #1,d1
            lea     wbuf,a0
            moveq   #2,d2
            bsr     disk_io
            moveq   #2,d7
            tst.l   d0
            bne.s   fail
            lea     m_write(pc),a0
            bsr     puts
* 3: a block far past the end: error
            move.l  #$7FFFFFF0,d0
            moveq   #1,d1
            lea     buf,a0
            moveq   #1,d2
            bsr     disk_io
            moveq   #3,d7
            cmp.l   #2,d0
            bne.s   fail
* 4: a count of 0: error
            moveq   #0,d0
            moveq   #0,d1
            lea     buf,a0
            moveq   #1,d2
            bsr     disk_io
            moveq   #4,d7
            cmp.l   #2,d0
            bne.s   fail
            lea     m_err(pc),a0
            bsr     puts
            move.l  #0,HALT
fail:       lea     m_fail(pc),a0
            bsr     puts
            move.l  d7,HALT

* disk_io: d0 = block, d1 = count, a0 = buffer, d2 = command. Starts it, sleeps in STOP
* until the interrupt handler has seen the completion. d0 <- STATUS at completion.
disk_io:    move.w  #$2700,sr               ; masked: no wakeup lost between test and STOP
            clr.l   done
            move.l  d0,DISK_BLOCK
            move.l  d1,DISK_COUNT
            move.l  a0,DISK_ADDR
            move.l  d2,DISK_CMD
.wait:      tst.l   done
            bne.s   .done
            stop    #$2000                  ; unmask and sleep, atomically
            move.w  #$2700,sr
            bra.s   .wait
.done:      move.w  #$2000,sr
            move.l  status,d0
            rts

* The completion interrupt: keep STATUS, acknowledge.
disk_irq:   move.l  DISK_STATUS,status
            move.l  #1,DISK_ACK
            move.l  #1,done
            rte

putc:       move.l  d0,CONSOLE_TX
            rts
puts:       moveq   #0,d0
.next:      move.b  (a0)+,d0
            beq.s   .end
            move.l  d0,CONSOLE_TX
            bra.s   .next
.end:       rts
* puthex2: d0.b as two hex digits.
puthex2:    move.l  d0,-(sp)
            lsr.b   #4,d0
            bsr.s   .digit
            move.l  (sp)+,d0
.digit:     and.l   #$F,d0
            move.b  hexd(pc,d0.w),d0
            bra.s   putc
hexd:       dc.b    "0123456789ABCDEF"

hello:      dc.b    "disktest: reading block 0",10,0
m_read:     dc.b    "disktest: block 0: ",0
m_write:    dc.b    "disktest: wrote block 1",10,0
m_err:      dc.b    "disktest: bad requests set the error bit",10,0
m_fail:     dc.b    "disktest: FAILED",10,0
wtext:      dc.b    "written by disktest",0
            even

            section bss
done:       ds.l    1
status:     ds.l    1
            align   4
buf:        ds.b    512
wbuf:       ds.b    512
