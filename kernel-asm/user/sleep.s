* sleep.s: K_SLEEP. napper sleeps three times and checks it slept long enough; worker
* keeps the CPU busy meanwhile; last sleeps past everyone else, so for a while every
* thread in the ring is asleep and the sleepchk routines are the idle loop.

NAP             equ     100000                  ; clocks

user_threads:   dc.l    napper,USERBASE,n_napper
                dc.l    worker,USERBASE+USERSIZE,n_worker
                dc.l    last,USERBASE+2*USERSIZE,n_last
                dc.l    0
n_napper:       dc.b    "napper",0
n_worker:       dc.b    "worker",0
n_last:         dc.b    "last",0
                even

                org     USERBASE
napper:         moveq   #2,d7
.nap:           jsr     u_clock
                move.l  d0,d6
                move.l  #NAP,d0
                jsr     u_ksleep
                move.l  d0,d5                   ; the call's result
                jsr     u_clock
                sub.l   d6,d0
                cmp.l   #NAP,d0
                scc     d0                      ; slept at least NAP clocks?
                andi.l  #1,d0
                lea     m_nap(pc),a0
                jsr     u_line
                move.l  d5,d0
                lea     m_res(pc),a0
                jsr     u_line
                dbra    d7,.nap
                jsr     u_exit
m_nap:          dc.b    "napper: slept long enough: ",0
m_res:          dc.b    "napper: K_SLEEP returned ",0
                even

                org     USERBASE+USERSIZE
worker:         moveq   #1,d7
.w:             lea     m_w(pc),a0
                move.l  d7,d0
                jsr     u_line
                move.l  #10000,d0
                jsr     u_spin
                addq.l  #1,d7
                cmp.l   #5,d7
                bls.s   .w
                jsr     u_exit
m_w:            dc.b    "worker: step ",0
                even

                org     USERBASE+2*USERSIZE
last:           move.l  #1500000,d0
                jsr     u_ksleep
                lea     m_last(pc),a0
                moveq   #1,d0
                jsr     u_line
                jsr     u_exit
m_last:         dc.b    "last: woke after the others: ",0
                even
