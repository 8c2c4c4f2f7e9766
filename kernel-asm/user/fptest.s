* fptest.s: lazy FP under preemption. Three FP threads keep distinct values in all
* eight FP registers while the timer and yields switch among them and two integer
* threads; each FP thread checks its registers at the end. The integer threads never
* execute an FP instruction, so they never take the F-line trap and never cause an FP
* save (the kernel's per-thread statistics show it).

ROUNDS          equ     40

user_threads:   dc.l    fp10,USERBASE,n_fp10
                dc.l    int1,USERBASE+USERSIZE,n_int1
                dc.l    fp20,USERBASE+2*USERSIZE,n_fp20
                dc.l    int2,USERBASE+3*USERSIZE,n_int2
                dc.l    fp30,USERBASE+4*USERSIZE,n_fp30
                dc.l    0
n_fp10:         dc.b    "fp10",0
n_fp20:         dc.b    "fp20",0
n_fp30:         dc.b    "fp30",0
n_int1:         dc.b    "int1",0
n_int2:         dc.b    "int2",0
                even

* fpthread BASE: fp<i> = BASE + i; every round adds and subtracts fp0 from each
* register (a round trip that must come back exact), spins long enough to be
* preempted and sometimes yields; at the end checks every register.
fpthread        macro
                move.l  #\1,d0
                lea     fpinit\@(pc),a0
                fmove.l d0,fp0
                addq.l  #1,d0
                fmove.l d0,fp1
                addq.l  #1,d0
                fmove.l d0,fp2
                addq.l  #1,d0
                fmove.l d0,fp3
                addq.l  #1,d0
                fmove.l d0,fp4
                addq.l  #1,d0
                fmove.l d0,fp5
                addq.l  #1,d0
                fmove.l d0,fp6
                addq.l  #1,d0
                fmove.l d0,fp7
                moveq   #ROUNDS-1,d7
round\@:        fadd.x  fp0,fp1
                fadd.x  fp0,fp2
                fadd.x  fp0,fp3
                fadd.x  fp0,fp4
                fsub.x  fp0,fp1
                fsub.x  fp0,fp2
                fsub.x  fp0,fp3
                fsub.x  fp0,fp4
                fmul.x  fp0,fp5
                fdiv.x  fp0,fp5
                move.l  #1500,d0
                jsr     u_spin
                btst    #2,d7
                beq.s   noy\@
                jsr     u_yield
noy\@:          dbra    d7,round\@
                moveq   #0,d6                   ; wrong registers
                move.l  #\1,d1
                fmove.l fp0,d0
                cmp.l   d1,d0
                sne     d6
                addq.l  #1,d1
                fmove.l fp1,d0
                cmp.l   d1,d0
                beq.s   c1\@
                moveq   #1,d6
c1\@:           addq.l  #1,d1
                fmove.l fp2,d0
                cmp.l   d1,d0
                beq.s   c2\@
                moveq   #1,d6
c2\@:           addq.l  #1,d1
                fmove.l fp3,d0
                cmp.l   d1,d0
                beq.s   c3\@
                moveq   #1,d6
c3\@:           addq.l  #1,d1
                fmove.l fp4,d0
                cmp.l   d1,d0
                beq.s   c4\@
                moveq   #1,d6
c4\@:           addq.l  #1,d1
                fmove.l fp5,d0
                cmp.l   d1,d0
                beq.s   c5\@
                moveq   #1,d6
c5\@:           addq.l  #1,d1
                fmove.l fp6,d0
                cmp.l   d1,d0
                beq.s   c6\@
                moveq   #1,d6
c6\@:           addq.l  #1,d1
                fmove.l fp7,d0
                cmp.l   d1,d0
                beq.s   c7\@
                moveq   #1,d6
c7\@:           lea     okmsg\@(pc),a0
                tst.b   d6
                beq.s   pr\@
                lea     badmsg\@(pc),a0
pr\@:           move.l  #\1,d0
                jsr     u_line
                jsr     u_fpstat
                lea     trapmsg\@(pc),a0
                jsr     u_line
                jsr     u_exit
okmsg\@:        dc.b    "fp registers intact in thread ",0
badmsg\@:       dc.b    "fp registers CORRUPT in thread ",0
trapmsg\@:      dc.b    "F-line traps taken: ",0
fpinit\@:       even
                endm

* intthread: integer work only, with yields.
intthread       macro
                moveq   #ROUNDS-1,d7
round\@:        move.l  #1500,d0
                jsr     u_spin
                btst    #1,d7
                beq.s   noy\@
                jsr     u_yield
noy\@:          dbra    d7,round\@
                jsr     u_fpstat
                lea     msg\@(pc),a0
                jsr     u_line
                jsr     u_exit
msg\@:          dc.b    "integer thread: F-line traps taken: ",0
                even
                endm

                org     USERBASE
fp10:           fpthread 10
                org     USERBASE+USERSIZE
int1:           intthread
                org     USERBASE+2*USERSIZE
fp20:           fpthread 20
                org     USERBASE+3*USERSIZE
int2:           intthread
                org     USERBASE+4*USERSIZE
fp30:           fpthread 30
