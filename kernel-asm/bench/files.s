* files.s: the Table 7.3 program of `quamachine bench` (image kbench-files, with the
* disk bench generates: data.bin of DATALEN bytes on a fresh QFS image). Every figure is
* a timing region around one user-level call (stub, trap 15, the kernel): warm N (the
* same call ran just before), cold N+50 (the I-cache cleared through K_FLUSH first; the
* data cache, on, is left as it is). Median of NS samples each.
*   71 open data.bin, read-only, when no one has it open (a new file record and memory
*      window, the read routine synthesized; no disk I/O: blocks come in lazily)
*   72 close of that fd (the file's last close, nothing dirty: no disk I/O)
*   73 read 1 byte   74 read 64 bytes   75 read 512 bytes   76 read 4096 bytes: the
*      file's blocks already in memory (no disk latency); consecutive reads of one fd
*      (warm: the previous sample was the same call)
*   77 open data.bin while another fd has it open (the file record is shared)
*   78 write 4096 bytes into a file's memory window (written to the disk at close)
*   79 read 4096 bytes right after open: the blocks come from the disk (seek + 72
*      blocks with the read-ahead; the disk's latency included). Warm only.
*   80 read 1 byte, K_READ on a cached trap (K_CACHE)

NS              equ     10
DATALEN         equ     65536

user_threads:   dc.l    fbench,USERBASE,n_fbench
                dc.l    0
n_fbench:       dc.b    "fbench",0
                even

BUF             equ     USERBASE+$8000          ; 16 KiB

* sample ID,SETUP,ARGS,STUB: NS warm samples of region ID, then NS cold ones (ID+50).
* SETUP runs first (an lseek back, say), then the cold ones clear the I-cache, then ARGS
* (a subroutine) loads the call's registers; the region holds only `jsr STUB`.
sample          macro
                moveq   #NS-1,d7
w\@:            bsr     \2
                bsr     \3
                move.l  #\1,PROBE_START
                jsr     \4
                move.l  #\1,PROBE_STOP
                tst.l   d0
                bmi     fail
                dbra    d7,w\@
                moveq   #NS-1,d7
c\@:            bsr     \2
                bsr     coldcache
                bsr     \3
                move.l  #\1+50,PROBE_START
                jsr     \4
                move.l  #\1+50,PROBE_STOP
                tst.l   d0
                bmi     fail
                dbra    d7,c\@
                endm

* pair: NS samples of open (region 71) and close (72) of data.bin, warm then cold.
                org     USERBASE
fbench:         moveq   #NS-1,d7
.ow:            lea     p_data(pc),a0
                moveq   #0,d0
                move.l  #71,PROBE_START
                jsr     u_open
                move.l  #71,PROBE_STOP
                move.l  d0,d6
                bmi     fail
                move.l  d6,d0
                move.l  #72,PROBE_START
                jsr     u_close
                move.l  #72,PROBE_STOP
                tst.l   d0
                bne     fail
                dbra    d7,.ow
                moveq   #NS-1,d7
.oc:            bsr     coldcache
                lea     p_data(pc),a0
                moveq   #0,d0
                move.l  #121,PROBE_START
                jsr     u_open
                move.l  #121,PROBE_STOP
                move.l  d0,d6
                bmi     fail
                bsr     coldcache
                move.l  d6,d0
                move.l  #122,PROBE_START
                jsr     u_close
                move.l  #122,PROBE_STOP
                tst.l   d0
                bne     fail
                dbra    d7,.oc
* 79: reads that go to the disk (each sample a fresh open: nothing in memory yet)
                moveq   #2,d7
.dk:            lea     p_data(pc),a0
                moveq   #0,d0
                jsr     u_open
                move.l  d0,d6
                bmi     fail
                move.l  d6,d0
                lea     BUF,a0
                move.l  #4096,d1
                move.l  #79,PROBE_START
                jsr     u_read
                move.l  #79,PROBE_STOP
                cmp.l   #4096,d0
                bne     fail
                move.l  d6,d0
                jsr     u_close
                dbra    d7,.dk
* the reads from memory: one fd kept open, the whole file read once first
                lea     p_data(pc),a0
                moveq   #0,d0
                jsr     u_open
                move.l  d0,d5                   ; d5 = the fd
                bmi     fail
.all:           move.l  d5,d0
                lea     BUF,a0
                move.l  #16384,d1
                jsr     u_read
                tst.l   d0
                bmi     fail
                bne.s   .all
                bsr     rewind                  ; (2 x NS reads of each size stay
                sample  73,noset,a_read1,u_read ; inside the 64 KiB: no lseek between
                bsr     rewind                  ; the samples)
                sample  74,noset,a_read64,u_read
                bsr     rewind
                sample  75,noset,a_read512,u_read
                sample  76,rewind,a_read4096,u_read ; (20 x 4096 > 64 KiB: lseek)
* 80: read 1 byte through a cached trap (K_CACHE: the stub's trap #15 becomes a trap of
* this thread whose vector calls K_READ directly: no range check, no KPT)
                moveq   #K_READ,d0
                lea     c_read(pc),a0
                jsr     u_cache
                tst.l   d0
                bmi     fail
                bsr     rewind
                sample  80,noset,a_read1,c_read
* 77: open while the file is open (d5 stays open); the fd closed again outside
                moveq   #-1,d0
                sample  77,close3,a_open,u_open
                jsr     u_close
* 78: writes into the window of a created file
                lea     p_out(pc),a0
                moveq   #0,d0
                jsr     u_creat
                move.l  d0,d4
                bmi     fail
                move.l  d4,d0                   ; the first write grows it (outside)
                lea     BUF,a0
                move.l  #4096,d1
                jsr     u_fwrite
                sample  78,rewind4,a_write,u_fwrite
                move.l  d4,d0
                jsr     u_close
                tst.l   d0
                bne     fail
                move.l  d5,d0
                jsr     u_close
                lea     m_ok(pc),a0
                jsr     u_puts
                jsr     u_exit
fail:           lea     m_fail(pc),a0
                jsr     u_line
                jsr     u_exit

* SETUP and ARGS helpers of `sample` (outside the regions).
noset:          rts
rewind:         move.l  d5,d0                   ; the read fd back to 0
                moveq   #0,d1
                suba.l  a1,a1
                jmp     u_lseek
rewind4:        move.l  d4,d0                   ; the written fd back to 0
                moveq   #0,d1
                suba.l  a1,a1
                jmp     u_lseek
a_read1:        moveq   #1,d1
                bra.s   a_rd
a_read64:       moveq   #64,d1
                bra.s   a_rd
a_read512:      move.l  #512,d1
                bra.s   a_rd
a_read4096:     move.l  #4096,d1
a_rd:           move.l  d5,d0
                lea     BUF,a0
                rts
close3:         tst.l   d0                      ; close what the last open returned
                bmi.s   .no                     ; (d0 survives the loop; -1 at first)
                jmp     u_close
.no:            rts
a_open:         lea     p_data(pc),a0
                moveq   #0,d0
                rts
a_write:        move.l  d4,d0
                lea     BUF,a0
                move.l  #4096,d1
                rts

* c_read: a user stub of K_READ in this program's own memory (K_CACHE rewrites its trap).
c_read:         moveq   #K_READ,d2
                trap    #15
                rts

* coldcache: clear the whole I-cache (CI) through K_FLUSH.
coldcache:      lea     USERBASE,a0
                move.l  #256,d1
                jmp     u_flush

p_data:         dc.b    "data.bin",0
p_out:          dc.b    "out.bin",0
m_ok:           dc.b    "fbench: done",10,0
m_fail:         dc.b    "fbench: FAILED, error ",0
                even
