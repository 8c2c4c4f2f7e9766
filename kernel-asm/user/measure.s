* measure.s: timing regions (PROBE_START/STOP, ../shared/quamachine.md) around the
* kernel's paths, for docs/kernel.md and the run report:
*   1 procedure call (jsr/rts)         11 the same, after the I-cache was cleared
*   2 null trap (trap #0, rte)          12
*   3 kernel call, general dispatch     13
*   4 general, stub inlined             14
*   5 cached trap                       15
*   6 cached trap and inlined           16
*   7 yield: user to user, synchronous switch (trap, save, ring, sw_in, rte)
*   9 timer switch, integer, same address space (sw_in): from the old thread's last
*     instruction to the new one's first, interrupt included
*   8 the same, changing address space (sw_in_mmu)
*  17 timer switch with lazy FP, same address space: as 9, plus the F-line trap that
*     moves the FP context
*  10 the same, changing address space
* The device page is reachable from user mode (probes only: the console is trap 1).

N               equ     10

user_threads:   dc.l    meter,USERBASE,n_meter
                dc.l    ping,USERBASE+USERSIZE,n_ping
                dc.l    pong,USERBASE+USERSIZE,n_pong
                dc.l    y1,USERBASE+3*USERSIZE,n_y1
                dc.l    y2,USERBASE+4*USERSIZE,n_y2
                dc.l    f1,USERBASE+5*USERSIZE,n_f1
                dc.l    f2,USERBASE+6*USERSIZE,n_f2
                dc.l    ping2,USERBASE+7*USERSIZE,n_ping
                dc.l    pong2,USERBASE+8*USERSIZE,n_pong
                dc.l    f3,USERBASE+9*USERSIZE,n_f1
                dc.l    f4,USERBASE+9*USERSIZE,n_f2
                dc.l    0
n_meter:        dc.b    "meter",0
n_ping:         dc.b    "ping",0
n_pong:         dc.b    "pong",0
n_y1:           dc.b    "y1",0
n_y2:           dc.b    "y2",0
n_f1:           dc.b    "f1",0
n_f2:           dc.b    "f2",0
                even

* measure ID,CALL: N warm samples of region ID, then N cold ones (region ID+10,
* the I-cache cleared through K_FLUSH first).
measure         macro
                moveq   #N-1,d7
w\@:            move.l  #\1,PROBE_START
                \2
                move.l  #\1,PROBE_STOP
                dbra    d7,w\@
                moveq   #N-1,d7
c\@:            lea     USERBASE,a0
                move.l  #256,d1
                jsr     u_flush                 ; CI: the whole I-cache
                move.l  #\1+10,PROBE_START
                \2
                move.l  #\1+10,PROBE_STOP
                dbra    d7,c\@
                endm

                org     USERBASE
meter:          moveq   #K_NULL,d0              ; cache the null call on a trap
                lea     c_null(pc),a0
                jsr     u_cache
                measure 1,<jsr nullproc>
                measure 2,<trap #0>
                measure 3,<jsr g_null>
                measure 4,<jsr (i_null).l>
                measure 5,<jsr c_null>
                measure 6,<jsr (i_cnull).l>
                lea     done(pc),a0
                jsr     u_puts
                jsr     u_exit
* The stubs sit at I-cache line index 8: the ctrap stub is the first routine in code
* memory ($40000, index 0), and a stub on the same index would evict it on every call
* (the 68030's caches are direct-mapped): the kind of layout care section 3.4.3 means.
                org     USERBASE+$E80
nullproc:       rts
g_null:         moveq   #K_NULL,d2
                trap    #15
                rts
c_null:         moveq   #K_NULL,d2
                trap    #15
                rts
i_null:         lea     g_null(pc),a1
                jmp     u_inline
i_cnull:        lea     c_null(pc),a1
                jmp     u_inline
done:           dc.b    "meter: done",10,0
                even

* ping/pong: region ID opens in ping's loop and closes in pong's, so a sample is a
* timer switch from ping to pong.
pingpong        macro
ping\2:         move.w  #30000,d7
l1\@:           move.l  #\1,PROBE_START
                dbra    d7,l1\@
                jsr     u_exit
                org     \3
pong\2:         move.w  #30000,d7
l2\@:           move.l  #\1,PROBE_STOP
                dbra    d7,l2\@
                jsr     u_exit
                endm
                org     USERBASE+USERSIZE       ; one address space
                pingpong 9,,USERBASE+USERSIZE+$100
                org     USERBASE+7*USERSIZE     ; two
                pingpong 8,2,USERBASE+8*USERSIZE

* y1/y2: region 7 from y1's yield to y2's return from its own yield.
                org     USERBASE+3*USERSIZE
y1:             moveq   #N*2,d7
.l:             move.l  #7,PROBE_START
                jsr     u_yield
                dbra    d7,.l
                jsr     u_exit
                org     USERBASE+4*USERSIZE
y2:             moveq   #N*2,d7
.l:             jsr     u_yield
                move.l  #7,PROBE_STOP
                dbra    d7,.l
                jsr     u_exit

* f1/f2: like ping/pong, but both use the FPU, so f2's first FP instruction after the
* switch takes the F-line trap that saves f1's context and restores f2's.
fpair           macro
f\2:            fmove.l #1,fp1
                move.w  #6000,d7
l1\@:           fadd.x  fp1,fp0
                move.l  #\1,PROBE_START
                dbra    d7,l1\@
                jsr     u_exit
                org     \4
f\3:            fmove.l #2,fp1
                move.w  #3000,d7
l2\@:           fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                fadd.x  fp1,fp0
                move.l  #\1,PROBE_STOP
                dbra    d7,l2\@
                jsr     u_exit
                endm
                org     USERBASE+5*USERSIZE     ; two address spaces
                fpair   10,1,2,USERBASE+6*USERSIZE
                org     USERBASE+9*USERSIZE     ; one
                fpair   17,3,4,USERBASE+9*USERSIZE+$100
