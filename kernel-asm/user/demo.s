* demo.s: the default image's user programs. Three threads, each in its own region:
* alpha and beta (integer) and gamma (floating point) print interleaved lines while
* the timer preempts them; alpha also asks the kernel to synthesize f(A) = A*A+A*B+B*B
* for several B (each B gets its specialised template). All exit; the kernel reports.

SPIN            equ     6000                    ; ~ 1.5 time slices of busy work

user_threads:   dc.l    alpha,USERBASE,n_alpha
                dc.l    beta,USERBASE+USERSIZE,n_beta
                dc.l    gamma,USERBASE+2*USERSIZE,n_gamma
                dc.l    0
n_alpha:        dc.b    "alpha",0
n_beta:         dc.b    "beta",0
n_gamma:        dc.b    "gamma",0
                even

* ---- alpha: integer work, and synthesized functions ----
                org     USERBASE
alpha:          moveq   #1,d7
.step:          lea     a_step(pc),a0
                move.l  d7,d0
                jsr     u_line
                move.l  #SPIN,d0
                jsr     u_spin
                addq.l  #1,d7
                cmp.l   #6,d7
                bls.s   .step
                lea     a_bs(pc),a3             ; f(5) for B = 0, 1, 4, 3
.fn:            move.l  (a3)+,d0
                bmi.s   .done
                move.l  d0,d6
                jsr     u_mkfn                  ; d0 = the new KPT slot
                move.l  d0,d5
                move.l  d0,d2
                moveq   #5,d0
                jsr     u_call                  ; f(5)
                move.l  d0,d4
                lea     a_b(pc),a0
                move.l  d6,d0
                jsr     u_line
                lea     a_f5(pc),a0
                move.l  d4,d0
                jsr     u_line
                move.l  d5,d0
                jsr     u_rmfn                  ; invalidate it again
                bra.s   .fn
.done:          jsr     u_exit
a_bs:           dc.l    0,1,4,3,-1
a_step:         dc.b    "alpha: step ",0
a_b:            dc.b    "alpha: synthesized f for B = ",0
a_f5:           dc.b    "alpha:   f(5) = ",0
                even

* ---- beta: integer work ----
                org     USERBASE+USERSIZE
beta:           moveq   #1,d7
.step:          lea     b_step(pc),a0
                move.l  d7,d0
                jsr     u_line
                move.l  #SPIN,d0
                jsr     u_spin
                addq.l  #1,d7
                cmp.l   #6,d7
                bls.s   .step
                jsr     u_exit
b_step:         dc.b    "beta: step ",0
                even

* ---- gamma: floating point; each step adds 0.25 a thousand times ----
                org     USERBASE+2*USERSIZE
gamma:          moveq   #1,d7
                fmove.l #0,fp0
                fmove.s #0.25,fp1
.step:          move.w  #999,d6
.add:           fadd.x  fp1,fp0                 ; preempted here often
                dbra    d6,.add
                fmove.l fp0,d0                  ; = 250 * step
                lea     g_step(pc),a0
                jsr     u_line
                addq.l  #1,d7
                cmp.l   #6,d7
                bls.s   .step
                jsr     u_exit
g_step:         dc.b    "gamma: 250 * step = ",0
                even
