* filetest.s: the file calls, end to end (image kfiles, with a disk from tests/files.rs).
* "files" writes a file through creat/write, reads it back, lseeks, writes past the end
* (the gap reads as zeros), re-opens it read-only, copies the host's big.bin to copy.bin
* in 4096-byte blocks, and tries hostile arguments: each must come back as an error and
* the kernel must go on. "ticker" keeps a second thread ready meanwhile, so the disk
* requests block their caller and the ring runs the ticker; "copier" copies big.bin to
* copy2.bin at the same time, in 1000-byte pieces (two threads on one disk and one file). Every result is printed as
* "files: WHAT N" for the test to check.

user_threads:   dc.l    files,USERBASE,n_files
                dc.l    ticker,USERBASE+USERSIZE,n_ticker
                dc.l    copier,USERBASE+2*USERSIZE,n_copier
                dc.l    0
n_files:        dc.b    "files",0
n_ticker:       dc.b    "ticker",0
n_copier:       dc.b    "copier",0
                even

BUF1            equ     USERBASE+$6000          ; 16 KiB each
BUF2            equ     USERBASE+$A000
PATLEN          equ     3000

fsay            macro                           ; fsay "text": prints "files: text d0"
                lea     sm\@(pc),a0
                jsr     u_line
                bra.s   se\@
sm\@:           dc.b    "files: ",\1," ",0
                even
se\@:
                endm

                org     USERBASE
files:          bsr     mkpat
* growing files the host put there: grow.txt has wall.txt right after it (it must move
* to a free extent, its old blocks copied), tail.txt has free blocks after it (it grows
* in place). Each gets 1000 bytes of the pattern appended.
                lea     p_tailf(pc),a0          ; (first: files made later land
                bsr     append                  ; after tail.txt)
                fsay     "append-tail"
                lea     p_grow(pc),a0
                bsr     append
                fsay     "append-grow"
* creat, two writes
                lea     p_notes(pc),a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d7                   ; fd
                fsay     "creat"
                move.l  d7,d0
                lea     BUF1,a0
                move.l  #1000,d1
                jsr     u_fwrite
                fsay     "write"
                move.l  d7,d0
                lea     BUF1+1000,a0
                move.l  #PATLEN-1000,d1
                jsr     u_fwrite
                fsay     "write"
* back to the start, read it all, compare
                move.l  d7,d0
                moveq   #0,d1
                suba.l  a1,a1
                jsr     u_lseek
                fsay     "lseek"
                move.l  d7,d0
                lea     BUF2,a0
                move.l  #8000,d1
                jsr     u_read
                fsay     "read"
                move.l  #PATLEN,d0
                bsr     same
                fsay     "same"
* a read in the middle
                move.l  d7,d0
                moveq   #100,d1
                suba.l  a1,a1
                jsr     u_lseek
                move.l  d7,d0
                lea     BUF2,a0
                moveq   #10,d1
                jsr     u_read
                fsay     "read10"
                moveq   #0,d0
                move.b  BUF2,d0
                fsay     "byte100"
* from the end
                move.l  d7,d0
                moveq   #-10,d1
                movea.w #2,a1
                jsr     u_lseek
                fsay     "lseek-end"
                move.l  d7,d0
                lea     BUF2,a0
                moveq   #100,d1
                jsr     u_read
                fsay     "readtail"
                move.l  d7,d0
                lea     BUF2,a0
                moveq   #100,d1
                jsr     u_read
                fsay     "eof"
* past the end: a gap of zeros, then "TAIL"
                move.l  d7,d0
                move.l  #5000,d1
                suba.l  a1,a1
                jsr     u_lseek
                move.l  d7,d0
                lea     s_tail(pc),a0
                moveq   #4,d1
                jsr     u_fwrite
                fsay     "writetail"
                move.l  d7,d0
                jsr     u_close
                fsay     "close"
                move.l  d7,d0
                jsr     u_close
                fsay     "close-again"
* read-only
                lea     p_notes(pc),a0
                moveq   #0,d0
                jsr     u_open
                move.l  d0,d7
                fsay     "open"
                move.l  d7,d0
                lea     BUF2,a0
                move.l  #16000,d1
                jsr     u_read
                fsay     "read-all"
                move.l  #PATLEN,d0
                bsr     same
                fsay     "same-again"
                lea     BUF2+PATLEN,a0          ; the gap: zeros?
                moveq   #0,d0
                move.w  #5000-PATLEN-1,d1
.gap:           or.b    (a0)+,d0
                dbra    d1,.gap
                fsay     "gap-or"
                move.l  d7,d0
                lea     BUF1,a0
                moveq   #4,d1
                jsr     u_fwrite
                fsay     "write-rdonly"
* hostile arguments
                moveq   #99,d0
                lea     BUF2,a0
                moveq   #1,d1
                jsr     u_read
                fsay     "read-fd99"
                moveq   #-1,d0
                lea     BUF2,a0
                moveq   #1,d1
                jsr     u_read
                fsay     "read-fd-1"
                move.l  d7,d0
                lea     $30000,a0               ; the kernel's variables
                moveq   #16,d1
                jsr     u_read
                fsay     "read-kernelptr"
                move.l  d7,d0
                lea     BUF2,a0
                move.l  #$7FFFFFFF,d1
                jsr     u_read
                fsay     "read-hugecount"
                lea     p_notes(pc),a0          ; opened again while all of it is in
                moveq   #0,d0                   ; memory: its read is fread_mem
                jsr     u_open
                move.l  d0,d6
                lea     BUF2,a0                 ; a count of 0: nothing moves
                move.l  d6,d0
                move.l  #$12345678,(a0)
                moveq   #0,d1
                jsr     u_read
                fsay     "read-zero"
                move.l  BUF2,d0
                cmp.l   #$12345678,d0
                seq     d0
                andi.l  #1,d0
                fsay     "read-zero-untouched"
                move.l  d6,d0
                lea     BUF2,a0
                moveq   #5,d1
                jsr     u_read
                fsay     "read-mem5"
                move.l  d6,d0
                jsr     u_close
                lea     p_none(pc),a0
                moveq   #0,d0
                jsr     u_open
                fsay     "open-missing"
                lea     $1000,a0                ; kernel text as the path
                moveq   #0,d0
                jsr     u_open
                fsay     "open-kernelptr"
                lea     p_long(pc),a0
                moveq   #0,d0
                jsr     u_open
                fsay     "open-toolong"
                lea     p_notes(pc),a0
                moveq   #7,d0
                jsr     u_open
                fsay     "open-badflags"
                lea     p_slash(pc),a0          ; creat of names QFS does not allow
                moveq   #0,d0
                jsr     u_creat
                fsay     "creat-slash"
                lea     p_space(pc),a0
                moveq   #0,d0
                jsr     u_creat
                fsay     "creat-space"
                lea     p_slash(pc),a0
                moveq   #0,d0
                jsr     u_open
                fsay     "open-slash"
                move.l  d7,d0
                moveq   #0,d1
                movea.w #5,a1
                jsr     u_lseek
                fsay     "lseek-badwhence"
                move.l  d7,d0
                moveq   #-5,d1
                suba.l  a1,a1
                jsr     u_lseek
                fsay     "lseek-negative"
                move.l  d7,d0
                jsr     u_close
                fsay     "close2"
* copy big.bin to copy.bin in 4096-byte blocks
                lea     p_big(pc),a0
                moveq   #0,d0
                jsr     u_open
                move.l  d0,d6
                fsay     "open-big"
                lea     p_copy(pc),a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d5
                fsay     "creat-copy"
                moveq   #0,d4                   ; bytes copied
                moveq   #0,d3                   ; sum of the bytes
.cp:            move.l  d6,d0
                lea     BUF1,a0
                move.l  #4096,d1
                jsr     u_read
                tst.l   d0
                ble.s   .cpend
                move.l  d0,d1
                add.l   d0,d4
                lea     BUF1,a0                 ; sum
                move.l  d0,d2
                subq.l  #1,d2
.sum:           moveq   #0,d0
                move.b  (a0)+,d0
                add.l   d0,d3
                dbra    d2,.sum
                move.l  d5,d0
                lea     BUF1,a0
                jsr     u_fwrite
                bra.s   .cp
.cpend:         fsay    "copy-last"
                move.l  d4,d0
                fsay     "copied"
                move.l  d3,d0
                fsay     "sum"
                move.l  d6,d0
                jsr     u_close
                move.l  d5,d0
                jsr     u_close
                fsay     "close-copy"
* an fd left open: exit closes it (its blocks reach the disk)
                lea     p_left(pc),a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d7
                lea     s_tail(pc),a0
                moveq   #4,d1
                jsr     u_fwrite
                fsay     "left-open"
                moveq   #1,d0
                lea     m_done(pc),a0
                jsr     u_line
                jsr     u_exit

* mkpat: BUF1 = the pattern, byte i = 7i + i/256, PATLEN bytes.
mkpat:          lea     BUF1,a0
                moveq   #0,d0
.pat:           move.l  d0,d1
                mulu.w  #7,d1
                move.l  d0,d2
                lsr.l   #8,d2
                add.l   d2,d1
                move.b  d1,(a0)+
                addq.l  #1,d0
                cmp.l   #PATLEN,d0
                blo.s   .pat
                rts

* append: a0 = name: open it for writing, 1000 bytes of BUF1 at its end, close.
* d0 <- the new length (from lseek), or the first error.
append:         move.l  d7,-(sp)
                moveq   #1,d0
                jsr     u_open
                move.l  d0,d7
                bmi.s   .out
                move.l  d7,d0
                moveq   #0,d1
                movea.w #2,a1
                jsr     u_lseek
                tst.l   d0
                bmi.s   .out
                move.l  d7,d0
                lea     BUF1,a0
                move.l  #1000,d1
                jsr     u_fwrite
                tst.l   d0
                bmi.s   .out
                move.l  d7,d0
                moveq   #0,d1
                movea.w #1,a1
                jsr     u_lseek
                move.l  d0,-(sp)
                move.l  d7,d0
                jsr     u_close
                tst.l   d0
                bmi.s   .drop
                move.l  (sp)+,d0
.out:           move.l  (sp)+,d7
                rts
.drop:          addq.l  #4,sp
                bra.s   .out

* same: d0 = bytes: BUF1 and BUF2 equal? d0 <- 1 or 0.
same:           lea     BUF1,a0
                lea     BUF2,a1
                subq.l  #1,d0
.c:             cmpm.b  (a0)+,(a1)+
                bne.s   .no
                dbra    d0,.c
                moveq   #1,d0
                rts
.no:            moveq   #0,d0
                rts

p_notes:        dc.b    "notes.txt",0
p_none:         dc.b    "no-such-file",0
p_long:         dc.b    "a-name-longer-than-twenty",0
p_big:          dc.b    "/big.bin",0
p_copy:         dc.b    "copy.bin",0
p_left:         dc.b    "left.txt",0
p_grow:         dc.b    "grow.txt",0
p_slash:        dc.b    "/dir/x",0
p_space:        dc.b    "two words",0
p_tailf:        dc.b    "tail.txt",0
s_tail:         dc.b    "TAIL"
m_done:         dc.b    "files: done",0
                even

                org     USERBASE+USERSIZE
ticker:         moveq   #0,d7
.t:             jsr     u_yield
                addq.l  #1,d7
                cmp.l   #2000,d7
                blo.s   .t
                move.l  d7,d0
                lea     m_tick(pc),a0
                jsr     u_line
                jsr     u_exit
m_tick:         dc.b    "ticker: yields",0
                even

                org     USERBASE+2*USERSIZE
CBUF            equ     USERBASE+2*USERSIZE+$8000
copier:         move.l  #300000,d0              ; after files' appends (which test
                jsr     u_ksleep                ; where a file grows)
                lea     c_big(pc),a0
                moveq   #0,d0
                jsr     u_open
                move.l  d0,d6
                bmi.s   .end
                lea     c_copy2(pc),a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d5
                bmi.s   .end
.cp:            move.l  d6,d0
                lea     CBUF,a0
                move.l  #1000,d1
                jsr     u_read
                tst.l   d0
                ble.s   .done
                move.l  d0,d1
                move.l  d5,d0
                lea     CBUF,a0
                jsr     u_fwrite
                tst.l   d0
                bpl.s   .cp
.done:          move.l  d5,d0
                jsr     u_close
                lea     m_cdone(pc),a0
                jsr     u_line
.end:           jsr     u_exit
c_big:          dc.b    "big.bin",0
c_copy2:        dc.b    "copy2.bin",0
m_cdone:        dc.b    "copier: closed ",0
                even
