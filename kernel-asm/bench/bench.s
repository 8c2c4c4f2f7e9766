* bench.s: the user programs of `quamachine bench` (image kbench). Every figure is a
* timing region (PROBE_START/STOP, ../shared/quamachine.md); `quamachine bench` reads
* them from the run report. Region ids: warm N, cold N+50 (the I-cache cleared through
* K_FLUSH just before; the data cache, on, is left as it is: docs/kernel.md, Caches).
*   Table 3.5  1 jsr/rts   2 null trap   3 kernel call, general dispatch   4 general, stub
*              inlined   5 cached trap   6 cached trap and inlined   7 Unix-style getpid
*              (unixcall.s, trap #13)   8 Synthesis getpid (K_GETID, cached and inlined)
*   Table 3.1  11 Figure 3.2 put, synthesized   12 Figure 3.1 put, hand-crafted
*              (the put's instructions only, no call: "not counting the procedure call")
*   Table 3.2  1000 putchar calls each: 21 Unix-style putchar macro (one macro for all
*              three buffering modes), block-buffered   22 Synthesis putchar macro   23
*              Synthesis putchar function (synthesized for the mode); line-buffered: 24
*              Unix macro  25 synthesized function; unbuffered: 26 Unix macro  27
*              synthesized function
*   Table 3.3  31 integer switch, same address space  32 integer, changing address space
*              33 lazy FP switch (the new thread's first FP instruction moves the
*              context), same space  34 the same, changing space  35 conventional switch
*              saving all integer and FP registers (fullswitch.s), changing space.
*              From the old thread's last instruction (its PROBE_START) to the new one's
*              first (its PROBE_STOP; for 33/34 the FMOVE that writes it, so its F-line
*              trap and the context move fall inside), interrupt included.
*   Table 5.2  41 create (kernel/kbench.s, at boot)  42 suspend  43 resume (kernel calls)

N               equ     10                      ; samples per warm or cold region
NPUT            equ     1000                    ; putchar calls per Table 3.2 sample
NP              equ     3                       ; samples of each putchar loop
SWITCHES        equ     30000

user_threads:   dc.l    meter,USERBASE,n_meter                  ; 0
                dc.l    ping,USERBASE+USERSIZE,n_sw             ; 1 \ one space
                dc.l    pong,USERBASE+USERSIZE,n_sw             ; 2 /
                dc.l    ping2,USERBASE+2*USERSIZE,n_sw          ; 3 two
                dc.l    pong2,USERBASE+3*USERSIZE,n_sw          ; 4
                dc.l    f1,USERBASE+4*USERSIZE,n_fp             ; 5 two
                dc.l    f2,USERBASE+5*USERSIZE,n_fp             ; 6
                dc.l    f3,USERBASE+6*USERSIZE,n_fp             ; 7 \ one
                dc.l    f4,USERBASE+6*USERSIZE,n_fp             ; 8 /
                dc.l    u1,USERBASE+7*USERSIZE,n_full           ; 9 two, full switch
                dc.l    u2,USERBASE+8*USERSIZE,n_full           ; 10
                dc.l    0
kb_full:        dc.l    9,10,-1                 ; switched by full_switch (fullswitch.s)
kb_victim:      dc.l    victim                  ; created twice by kbench_boot: ids 11, 12
VICTIM_ID       equ     11
n_meter:        dc.b    "meter",0
n_sw:           dc.b    "switch",0
n_fp:           dc.b    "fp",0
n_full:         dc.b    "fullsw",0
                even

* measure ID,CODE: N warm samples of region ID (the first one warms the cache), then N
* cold ones, region ID+50, the I-cache cleared first. d7 is the loop counter.
measure         macro
                moveq   #N-1,d7
w\@:            move.l  #\1,PROBE_START
                \2
                move.l  #\1,PROBE_STOP
                dbra    d7,w\@
                moveq   #N-1,d7
c\@:            bsr     coldcache
                move.l  #\1+50,PROBE_START
                \2
                move.l  #\1+50,PROBE_STOP
                dbra    d7,c\@
                endm

* measure_in ID,CODE: as measure, but CODE opens and closes the region itself with
* d6 = the region id (the put's instructions alone).
measure_in      macro
                moveq   #N-1,d7
w\@:            moveq   #\1,d6
                \2
                dbra    d7,w\@
                moveq   #N-1,d7
c\@:            bsr     coldcache
                moveq   #\1+50,d6
                \2
                dbra    d7,c\@
                endm

* measure_n ID,CODE: NP samples of each (the putchar loops are long).
measure_n       macro
                moveq   #NP-1,d7
w\@:            move.l  #\1,PROBE_START
                \2
                move.l  #\1,PROBE_STOP
                dbra    d7,w\@
                moveq   #NP-1,d7
c\@:            bsr     coldcache
                move.l  #\1+50,PROBE_START
                \2
                move.l  #\1+50,PROBE_STOP
                dbra    d7,c\@
                endm

* ---- the measuring thread: meter, region 0 ----
                org     USERBASE
* The regions measure elapsed clocks, so the meter first lets the switch threads of
* Table 3.3 finish (they spin for whole time slices) and parks the victims: then it is
* alone but for its own timer interrupts (one sw_out/sw_in pair every 20000 clocks).
meter:          moveq   #VICTIM_ID,d0
                jsr     u_suspend
                moveq   #VICTIM_ID+1,d0
                jsr     u_suspend
                moveq   #99,d7
.wait:          jsr     u_yield
                dbra    d7,.wait
                moveq   #K_NULL,d0              ; the null call cached on a trap
                lea     c_null(pc),a0
                jsr     u_cache
                moveq   #K_GETID,d0
                lea     c_getid(pc),a0
                jsr     u_cache
                jsr     (i_getid).l             ; inline it (the first call patches)
* Table 3.5
                measure 1,<jsr nullproc>
                measure 2,<trap #0>
                measure 3,<jsr g_null>
                measure 4,<jsr (i_null).l>
                measure 5,<jsr c_null>
                measure 6,<jsr (i_cnull).l>
                measure 7,<jsr unix_getpid>
                measure 8,<jsr (i_getid).l>
* Table 3.1: the put's own instructions between the probes (d6 = region id)
                bsr     mkput                   ; synthesize Figure 3.2 for buffer B1
                measure_in 11,<jsr SYNAREA>
                measure_in 12,<bsr hput>
* Table 3.2
                bsr     stdio_init
                measure_n 21,<bsr run21>
                measure_n 22,<bsr run22>
                measure_n 23,<bsr run23>
                measure_n 24,<bsr run24>
                measure_n 25,<bsr run25>
                measure_n 26,<bsr run26>
                measure_n 27,<bsr run27>
* Table 5.2: suspend and resume another thread (a victim, in this address space)
                moveq   #VICTIM_ID,d0
                jsr     u_resume
                moveq   #N-1,d7
.srw:           moveq   #42,d6
                bsr     susp_res
                dbra    d7,.srw
                moveq   #N-1,d7
.src:           bsr     coldcache
                moveq   #92,d6
                bsr     susp_res
                dbra    d7,.src
                st      victim_quit             ; the victims may end
                moveq   #VICTIM_ID+1,d0
                jsr     u_resume
                lea     done(pc),a0
                jsr     u_puts
                jsr     u_exit

* coldcache: clear the whole I-cache (CI) through K_FLUSH.
coldcache:      lea     USERBASE,a0
                move.l  #256,d1
                jmp     u_flush

* susp_res: d6 = 42 or 92. Region d6 is the suspend of the victim, d6+1 its resume
* (right after: warm either way).
susp_res:       move.l  d6,PROBE_START
                moveq   #VICTIM_ID,d0
                jsr     u_suspend
                move.l  d6,PROBE_STOP
                addq.l  #1,d6
                move.l  d6,PROBE_START
                moveq   #VICTIM_ID,d0
                jsr     u_resume
                move.l  d6,PROBE_STOP
                rts

nullproc:       rts
g_null:         moveq   #K_NULL,d2
                trap    #15
                rts
c_null:         moveq   #K_NULL,d2
                trap    #15
                rts
c_getid:        moveq   #K_GETID,d2
                trap    #15
                rts
i_null:         lea     g_null(pc),a1
                jmp     u_inline
i_cnull:        lea     c_null(pc),a1
                jmp     u_inline
i_getid:        lea     c_getid(pc),a1
                jmp     u_inline
* unix_getpid: the C library's system call stub: number in d0, trap.
unix_getpid:    moveq   #SYS_GETPID,d0
                trap    #UNIX_TRAP
                rts
done:           dc.b    "meter: done",10,0
                even

* ---- Table 3.1: buffer put ----
* Buffers with a P+D put (Figure 3.2) must end within 32 KiB below a 64 KiB boundary
* (D is a 16-bit displacement): here $110000, the end of this region. P's low word counts
* up from -size to 0 (addq.w sets Z when the buffer is full); P+D is the next byte.
PDEND           equ     USERBASE+USERSIZE
SYNAREA         equ     USERBASE+$6000          ; code synthesized at user level
B1              equ     USERBASE+$8000          ; Figure 3.2's buffer
BSIZE           equ     $400
B1_P0           equ     PDEND-BSIZE
B1_D            equ     B1+BSIZE-PDEND

* tput: Figure 3.2 between the probes (region d6). Holes p, d, p2; the full path (never
* taken while measuring) starts the buffer over: holes p0, pr.
                template tput
                move.l  d6,PROBE_START
                movea.l @p,a0                   ; load P
                move.b  d0,(@d,a0)              ; store at P+D
                addq.w  #1,@p2                  ; advance P and test for the end
                beq.s   .full
                move.l  d6,PROBE_STOP
                rts
.full:          move.l  d6,PROBE_STOP
                move.l  #@p0,@pr
                rts
                endt

* mkput: synthesize tput for buffer B1 at SYNAREA (copy, fill the holes, clear the
* I-cache lines written).
mkput:          lea     tput,a0
                lea     SYNAREA,a1
                move.l  #tput_len,d1
                bsr     usyn
                lea     SYNAREA,a1
                move.l  #put_p,tput.p(a1)
                move.w  #B1_D,tput.d(a1)
                move.l  #put_p+2,tput.p2(a1)
                move.l  #B1_P0,tput.p0(a1)
                move.l  #put_p,tput.pr(a1)
                move.l  #B1_P0,put_p
                lea     SYNAREA,a0
                move.l  #tput_len,d1
                jmp     u_flush

* usyn: the user-level synthesizer's copy: a0 = template, d1 = length (even), a1 =
* destination. The caller fills the holes (NAME.hole offsets) and clears the I-cache.
usyn:           lsr.l   #1,d1
                subq.l  #1,d1
.c:             move.w  (a0)+,(a1)+
                dbra    d1,.c
                rts

* hput: Figure 3.1, the hand-crafted put, between the probes (region d6).
hput:           move.l  d6,PROBE_START
                movea.l bufp,a0                 ; (1) load the buffer pointer
                move.b  d0,(a0)+                ; (2) store, advance
                move.l  a0,bufp                 ; (3) update the pointer
                cmpa.l  endp,a0                 ; (4) end of buffer?
                beq.s   .flush
                move.l  d6,PROBE_STOP
                rts
.flush:         move.l  d6,PROBE_STOP
                move.l  #hbuf,bufp
                rts

put_p:          dc.l    0
bufp:           dc.l    hbuf
endp:           dc.l    hbuf+BSIZE
hbuf            equ     USERBASE+$7000

* ---- Table 3.2: stdio ----
* The conventional stream (4.3BSD-style FILE): one putchar macro serves all three
* buffering modes, testing at every call which one is in force.
F_CNT           equ     0                       ; room left (block); 0 or -n (line)
F_PTR           equ     4
F_BASE          equ     8
F_SIZE          equ     12
F_FLAG          equ     16                      ; bit 0 line-buffered, bit 1 unbuffered
F_LBF           equ     20                      ; -size when line-buffered, else 0
CB              equ     USERBASE+$B000          ; conventional block buffer
CL              equ     USERBASE+$C000          ; conventional line buffer (+1 slack)
SM              equ     USERBASE+$9000          ; Synthesis macro's buffer (P+D)
SF              equ     USERBASE+$A000          ; Synthesis function, block (P+D)
SL              equ     USERBASE+$D000          ; Synthesis function, line (P+D)
SYNPUT_B        equ     SYNAREA+$100            ; synthesized putchars
SYNPUT_L        equ     SYNAREA+$200
SYNPUT_U        equ     SYNAREA+$300

* uputc: the Unix-style putc macro (after 4.3BSD-Reno's): the block-buffered fast path
* inline, the line-buffered test inline, everything else in swbuf. a5 = FILE, d0 = char.
uputc           macro
                subq.l  #1,F_CNT(a5)
                bpl.s   p\@                     ; room: block-buffered fast path
                move.l  F_CNT(a5),d1
                cmp.l   F_LBF(a5),d1            ; line-buffered with room?
                blt.s   s\@
                movea.l F_PTR(a5),a0
                move.b  d0,(a0)
                cmpi.b  #10,d0                  ; a newline flushes
                beq.s   s\@
                addq.l  #1,F_PTR(a5)
                bra.s   d\@
p\@:            movea.l F_PTR(a5),a0
                move.b  d0,(a0)+
                move.l  a0,F_PTR(a5)
                bra.s   d\@
s\@:            jsr     swbuf
d\@:
                endm

* sputc: the Synthesis putchar macro for a block-buffered stream: Figure 3.2 inline,
* the stream's P and D known where the macro is expanded.
sputc           macro
                movea.l sm_p,a0
                move.b  d0,(SM+BSIZE-PDEND,a0)
                addq.w  #1,sm_p+2
                bne.s   k\@
                jsr     sm_flush
k\@:
                endm

* putloop CALL: NPUT characters of the text through CALL (d5, a4 are the loop's).
putloop         macro
                move.w  #NPUT-1,d5
                lea     text,a4
l\@:            move.b  (a4)+,d0
                bne.s   c\@
                lea     text,a4
                move.b  (a4)+,d0
c\@:
                \1
                dbra    d5,l\@
                rts
                endm

run21:          lea     fblk,a5
                putloop <uputc>
run22:          putloop <sputc>
run23:          movea.l #SYNPUT_B,a3
                putloop <jsr (a3)>
run24:          lea     flin,a5
                putloop <uputc>
run25:          movea.l #SYNPUT_L,a3
                putloop <jsr (a3)>
run26:          lea     funb,a5
                putloop <uputc>
run27:          movea.l #SYNPUT_U,a3
                putloop <jsr (a3)>

* call-site sizes (bytes) of each putchar form, for the report
site_unix:      uputc
site_unix_end:
site_smacro:    sputc
site_smacro_end:
site_sfn:       jsr     (a3)
site_sfn_end:

* swbuf: the slow path of the conventional putc, all three modes. The count has already
* been decremented. a5 = FILE, d0 = char. Trashes d0-d2/a0-a2.
swbuf:          btst    #1,F_FLAG+3(a5)
                bne.s   .unb
                btst    #0,F_FLAG+3(a5)
                bne.s   .line
                move.l  d0,-(sp)                ; block: the buffer is full
                bsr     fflush
                move.l  (sp)+,d0
                movea.l F_PTR(a5),a0
                move.b  d0,(a0)+
                move.l  a0,F_PTR(a5)
                move.l  F_SIZE(a5),d1
                subq.l  #1,d1
                move.l  d1,F_CNT(a5)
                rts
.line:          movea.l F_PTR(a5),a0            ; line: a newline or a full buffer
                move.b  d0,(a0)+
                move.l  a0,F_PTR(a5)
                bsr     fflush
                clr.l   F_CNT(a5)
                rts
.unb:           clr.l   F_CNT(a5)               ; unbuffered: one byte, written now
                move.b  d0,ubyte
                lea     ubyte,a0
                moveq   #1,d1
                jmp     u_write

* fflush: a5 = FILE: write what is buffered.
fflush:         movea.l F_BASE(a5),a0
                move.l  F_PTR(a5),d1
                sub.l   a0,d1
                beq.s   .none
                move.l  a0,F_PTR(a5)
                jmp     u_write
.none:          rts

* sm_flush: the Synthesis macro's buffer is full: write it, start over.
sm_flush:       lea     SM,a0
                move.l  #BSIZE,d1
                move.l  #PDEND-BSIZE,sm_p
                jmp     u_write

* The synthesized putchar functions, one template per buffering mode: only the code
* for the stream's own mode exists. Character in d0; d0-d2/a0-a2 trashed.
* Block: Figure 3.2, and the write when full.
                template sp_blk
                movea.l @p,a0
                move.b  d0,(@d,a0)
                addq.w  #1,@p2
                beq.s   .full
                rts
.full:          movea.l #@buf,a0
                move.l  #@size,d1
                move.l  #@p0,@pr
                movea.l #@wr,a1
                jmp     (a1)
                endt
* Line: the same, and a newline writes what is in.
                template sp_line
                movea.l @p,a0
                move.b  d0,(@d,a0)
                cmpi.b  #10,d0
                beq.s   .nl
                addq.w  #1,@p2
                beq.s   .full
                rts
.nl:            move.l  @pa,d1                  ; length: P - P0 + 1
                sub.l   #@p0a,d1
                addq.l  #1,d1
                bra.s   .out
.full:          move.l  #@size,d1
.out:           movea.l #@buf,a0
                move.l  #@p0,@pr
                movea.l #@wr,a1
                jmp     (a1)
                endt
* Unbuffered: straight to the console's kernel call.
                template sp_unb
                moveq   #K_PUTC,d2
                trap    #15
                rts
                endt

* stdio_init: the three conventional streams, and one synthesized putchar per mode.
stdio_init:     lea     sp_blk,a0
                lea     SYNPUT_B,a1
                move.l  #sp_blk_len,d1
                bsr     usyn
                lea     SYNPUT_B,a1
                move.l  #sf_p,sp_blk.p(a1)
                move.w  #SF+BSIZE-PDEND,sp_blk.d(a1)
                move.l  #sf_p+2,sp_blk.p2(a1)
                move.l  #SF,sp_blk.buf(a1)
                move.l  #BSIZE,sp_blk.size(a1)
                move.l  #PDEND-BSIZE,sp_blk.p0(a1)
                move.l  #sf_p,sp_blk.pr(a1)
                move.l  #u_write,sp_blk.wr(a1)
                lea     sp_line,a0
                lea     SYNPUT_L,a1
                move.l  #sp_line_len,d1
                bsr     usyn
                lea     SYNPUT_L,a1
                move.l  #sl_p,sp_line.p(a1)
                move.w  #SL+BSIZE-PDEND,sp_line.d(a1)
                move.l  #sl_p+2,sp_line.p2(a1)
                move.l  #sl_p,sp_line.pa(a1)
                move.l  #PDEND-BSIZE,sp_line.p0a(a1)
                move.l  #SL,sp_line.buf(a1)
                move.l  #BSIZE,sp_line.size(a1)
                move.l  #PDEND-BSIZE,sp_line.p0(a1)
                move.l  #sl_p,sp_line.pr(a1)
                move.l  #u_write,sp_line.wr(a1)
                lea     sp_unb,a0
                lea     SYNPUT_U,a1
                move.l  #sp_unb_len,d1
                bsr     usyn
                lea     SYNAREA+$100,a0         ; clear the I-cache lines written
                move.l  #$300,d1
                jmp     u_flush

text:           dc.b    "Synthesis: code synthesized for the stream's own buffering mode.",10,0
ubyte:          dc.b    0
                even
sm_p:           dc.l    PDEND-BSIZE
sf_p:           dc.l    PDEND-BSIZE
sl_p:           dc.l    PDEND-BSIZE
fblk:           dc.l    BSIZE,CB,CB,BSIZE,0,0
flin:           dc.l    0,CL,CL,BSIZE,1,-BSIZE
funb:           dc.l    0,0,0,0,2,0
victim_quit:    dc.b    0
                even

* victim: the thread suspended and resumed (Table 5.2), created twice at boot by
* kbench_boot in this address space; it yields until the meter is done.
victim:         tst.b   victim_quit
                bne.s   .q
                jsr     u_yield
                bra.s   victim
.q:             jsr     u_exit

* ---- Table 3.3: context switches (regions open in one thread, close in the next) ----
* Each thread spins writing its probe register, UNROLL writes to a dbra, so the timer
* almost always catches the old thread just after its PROBE_START and the new one resumes
* at its PROBE_STOP: the region is then exactly the old thread's last instruction to the
* new one's first, interrupt and switch included, whatever the timer's phase in the loop
* (with one write to a dbra, the region held zero, one or two dbras, 22 clocks apart,
* and the median followed the code layout). A sample with a dbra in it is rare and
* falls outside the median.
UNROLL          equ     8
pingpong        macro
ping\2:         move.w  #SWITCHES/UNROLL,d7
l1\@:
                rept    UNROLL
                move.l  #\1,PROBE_START
                endr
                dbra    d7,l1\@
                jsr     u_exit
                org     \3
pong\2:         move.w  #SWITCHES/UNROLL,d7
l2\@:
                rept    UNROLL
                move.l  #\1,PROBE_STOP
                endr
                dbra    d7,l2\@
                jsr     u_exit
                endm
                org     USERBASE+USERSIZE       ; one address space
                pingpong 31,,USERBASE+USERSIZE+$100
                org     USERBASE+2*USERSIZE     ; two
                pingpong 32,2,USERBASE+3*USERSIZE

* fpair: both threads keep FP state live, and each writes its probe register with an FP
* move (fp2 holds the region id): the STOP thread's first instruction after the switch
* is that FMOVE, so it always takes the F-line trap that moves the context and closes the
* region only after it, wherever the timer caught the thread last time. (Integer
* `move.l #id,PROBE_STOP`s after some FADDs let the region hold one to three FADDs, or
* none and no trap when the thread had been switched out just before its STOP: the
* figure followed the timer's phase in the loop, i.e. the code layout.) The region: the
* old thread's last instruction to the FMOVE, interrupt, switch and lazy FP context move
* included. Unrolled like pingpong.
fpair           macro
f\2:            fmove.l #1,fp1
                fmove.l #\1,fp2
                move.w  #6000/UNROLL,d7
l1\@:
                rept    UNROLL
                fmove.l fp2,PROBE_START
                endr
                dbra    d7,l1\@
                jsr     u_exit
                org     \4
f\3:            fmove.l #2,fp1
                fmove.l #\1,fp2
                move.w  #6000/UNROLL,d7
l2\@:
                rept    UNROLL
                fmove.l fp2,PROBE_STOP
                endr
                dbra    d7,l2\@
                jsr     u_exit
                endm
                org     USERBASE+4*USERSIZE     ; two address spaces
                fpair   34,1,2,USERBASE+5*USERSIZE
                org     USERBASE+6*USERSIZE     ; one
                fpair   33,3,4,USERBASE+6*USERSIZE+$100

* u1/u2: switched by the conventional full save (fullswitch.s), two address spaces,
* both with FP state. Unrolled like pingpong.
                org     USERBASE+7*USERSIZE
u1:             fmove.l #1,fp1
                move.w  #SWITCHES/UNROLL,d7
.l:
                rept    UNROLL
                move.l  #35,PROBE_START
                endr
                dbra    d7,.l
                jsr     u_exit
                org     USERBASE+8*USERSIZE
u2:             fmove.l #2,fp1
                move.w  #SWITCHES/UNROLL,d7
.l:
                rept    UNROLL
                move.l  #35,PROBE_STOP
                endr
                dbra    d7,.l
                jsr     u_exit
