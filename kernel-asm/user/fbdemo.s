* fbdemo.s: the visual demo (image kfbdemo). Four threads, each in its own address
* space, own a quarter of the screen below the boot messages and draw in it through the
* kernel console: K_WRITE with VT52 escape sequences (ESC Y row col to place the cursor,
* ESC b / ESC c for the colours; kernel/fbcons.s). Each draws a title bar, then one bar
* of a small bar chart per step (v = A*i*i + B*i for i = 1..12), spinning between steps
* so that the timer interleaves them. Every colour pair gets its own synthesized glyph
* routine (the run's report lists the fbglyph instances). The host console sees the
* same text without the escape sequences.

SPIN            equ     3000
STATUS_ROW      equ     82                      ; where the cursor is left after a write

user_threads:   dc.l    alpha,USERBASE,n_alpha
                dc.l    beta,USERBASE+USERSIZE,n_beta
                dc.l    gamma,USERBASE+2*USERSIZE,n_gamma
                dc.l    delta,USERBASE+3*USERSIZE,n_delta
                dc.l    0
n_alpha:        dc.b    "alpha",0
n_beta:         dc.b    "beta",0
n_gamma:        dc.b    "gamma",0
n_delta:        dc.b    "delta",0
                even

* fbthread NAME,COLOUR,ROW,COLUMN,A,B,VMAX,TITLE: one drawing thread (its code is
* repeated in its own region: user code cannot run in another program's region).
* Bars are spaces in the thread's colour, the value in white at their left end.
fbthread        macro
\1:             lea     -160(sp),sp             ; the write is built here
                moveq   #0,d7                   ; step: 0 is the title
\1_step:        movea.l sp,a1
                move.b  #27,(a1)+               ; ESC Y row col
                move.b  #'Y',(a1)+
                move.l  d7,d0
                add.l   d0,d0                   ; two text rows per step
                addi.l  #32+\3,d0
                move.b  d0,(a1)+
                move.b  #32+\4,(a1)+
                move.b  #27,(a1)+               ; white on the thread's colour
                move.b  #'b',(a1)+
                move.b  #15,(a1)+
                move.b  #27,(a1)+
                move.b  #'c',(a1)+
                move.b  #\2,(a1)+
                tst.l   d7
                bne.s   \1_bar
                lea     \1_title(pc),a0         ; step 0: the title bar, 62 wide
                moveq   #62-1,d1
\1_tt:          move.b  (a0)+,d0
                bne.s   \1_tc
                subq.l  #1,a0                   ; (padded with spaces)
                moveq   #' ',d0
\1_tc:          move.b  d0,(a1)+
                dbra    d1,\1_tt
                bra.s   \1_send
\1_bar:         move.l  d7,d0                   ; v = A*i*i + B*i
                muls.l  d7,d0
                muls.l  #\5,d0
                move.l  d7,d1
                muls.l  #\6,d1
                add.l   d1,d0
                move.l  d0,d5
                move.b  #' ',(a1)+              ; " vvv" (three digits)
                divu.w  #100,d0
                addi.b  #'0',d0
                move.b  d0,(a1)+
                clr.w   d0
                swap    d0
                divu.w  #10,d0
                addi.b  #'0',d0
                move.b  d0,(a1)+
                swap    d0
                addi.b  #'0',d0
                move.b  d0,(a1)+
                move.l  d5,d1                   ; then 52 * v / VMAX spaces
                mulu.l  #52,d1
                divu.l  #\7,d1
                bra.s   \1_s2
\1_s1:          move.b  #' ',(a1)+
\1_s2:          dbra    d1,\1_s1
\1_send:        move.b  #27,(a1)+               ; back to the console's colours,
                move.b  #'c',(a1)+              ; the cursor to the status row
                move.b  #0,(a1)+
                move.b  #27,(a1)+
                move.b  #'b',(a1)+
                move.b  #7,(a1)+
                move.b  #27,(a1)+
                move.b  #'Y',(a1)+
                move.b  #32+STATUS_ROW,(a1)+
                move.b  #32,(a1)+
                move.b  #10,(a1)+               ; (the host console's line end)
                move.l  a1,d1
                movea.l sp,a0
                sub.l   a0,d1
                jsr     u_write                 ; one K_WRITE: never split by a switch
                move.l  #SPIN,d0
                jsr     u_spin
                addq.l  #1,d7
                cmp.l   #12,d7
                bls     \1_step
                lea     160(sp),sp
                jsr     u_exit
\1_title:       dc.b    \8,0
                even
                endm

                org     USERBASE
                fbthread alpha,1,16,0,1,0,144,<" alpha: v = i*i">
                org     USERBASE+USERSIZE
                fbthread beta,2,16,64,0,12,144,<" beta: v = 12*i">
                org     USERBASE+2*USERSIZE
                fbthread gamma,4,48,0,-1,24,144,<" gamma: v = 24*i - i*i">
                org     USERBASE+3*USERSIZE
                fbthread delta,5,48,64,1,12,288,<" delta: v = i*i + 12*i">
