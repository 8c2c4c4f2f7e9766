* mctest.s: the multi-call and the looped multi-call (kernel/multicall.s) from user mode.
* caller runs good lists, a list whose middle call fails, and hostile lists (bad
* selector, reserved flags, kernel pointers, absurd counts and bounds, bad references)
* and prints what came back; a long looped multi-call runs while ticker, a second
* thread, keeps printing (the kernel stays responsive). quamachine/tests/multicall.rs
* judges the output.

user_threads:   dc.l    caller,USERBASE,n_caller
                dc.l    ticker,USERBASE,n_ticker      ; caller's space
                dc.l    0
n_caller:       dc.b    "caller",0
n_ticker:       dc.b    "ticker",0
                even

SEL             equ     $10000                  ; selector n: n*SEL in the first long
WHILE           equ     $80000000
RD0             equ     1                       ; d0 from entry k-1: k*RD0
RD1             equ     $20                     ; d1: k*RD1
RA0             equ     $400                    ; a0: k*RA0
UNSET           equ     -7777                   ; a result field the kernel never wrote

* show name: print d0 and d1 as "name d0: " and "name d1: " lines
show            macro
                move.l  d1,d7
                say     "\1 d0: "
                move.l  d7,d0
                say     "\1 d1: "
                endm
* mcall list,count: K_MULTI, then show list
mcall           macro
                lea     \1(pc),a0
                moveq   #\2,d0
                moveq   #K_MULTI,d2
                trap    #15
                show    \1
                endm
* msyn list,count: K_MULTI(MC_SYNTH + count), then show list_syn; d0 (the slot, or the
* error) is left in d5
msyn            macro
                lea     \1(pc),a0
                move.l  #MC_SYNTH+\2,d0
                moveq   #K_MULTI,d2
                trap    #15
                move.l  d0,d5
                show    \1_syn
                endm
* scall name: call the slot in d5 (d0, d3, d4 as set), then show name
scall           macro
                move.l  d5,d2
                trap    #15
                show    \1
                endm
* result list,i: print the result field of entry i
result          macro
                move.l  \1+\2*20+16(pc),d0
                say     "\1[\2]: "
                endm

                org     USERBASE
caller:         mcall   l_good,3                ; putc A, getid, putc B
                result  l_good,1
                mcall   l_fail,3                ; putc x, write(kernel pointer), putc y
                result  l_fail,1
                result  l_fail,2
                mcall   l_yield,2               ; K_YIELD may not be in a list
                result  l_yield,0
                mcall   l_sel99,1
                mcall   l_flags,1               ; reserved flag bits
                mcall   l_nest,1                ; no nested multi-calls
                mcall   l_ref,2                 ; getid, putdec(ref entry 0)
                mcall   l_selfref,1
                mcall   l_fwdref,2
                mcall   l_while,3               ; putc, null (WHILE: 0 stops), putc
                lea     $1000,a0                ; the list in kernel memory
                moveq   #1,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "kernel list d0: "
                move.l  d1,d0
                say     "kernel list d1: "
                lea     USERBASE+USERSIZE-20,a0 ; a list that runs off the region
                moveq   #2,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "straddling list: "
                lea     l_good(pc),a0
                moveq   #0,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "count 0: "
                lea     l_good(pc),a0
                moveq   #17,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "count 17: "
                lea     l_good(pc),a0
                moveq   #-1,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "count -1: "
* Looped multi-calls.
                lea     l_dots(pc),a0           ; putc '.' (WHILE: it returns the char), getid: 5 passes
                moveq   #2,d0
                moveq   #5,d1
                moveq   #K_MLOOP,d2
                trap    #15
                move.l  d1,d7
                say     " mloop 5 d0: "
                move.l  d7,d0
                say     "mloop 5 d1: "
                lea     l_stop(pc),a0           ; putc '-', null (WHILE): stops in pass 0
                moveq   #2,d0
                moveq   #100,d1
                moveq   #K_MLOOP,d2
                trap    #15
                move.l  d1,d7
                say     " mloop stop d0: "
                move.l  d7,d0
                say     "mloop stop d1: "
                lea     l_lfail(pc),a0          ; getid, write(bad) in pass 0
                moveq   #2,d0
                moveq   #3,d1
                moveq   #K_MLOOP,d2
                trap    #15
                movem.l d1-d2,-(sp)
                say     "mloop fail d0: "
                move.l  (sp)+,d0
                say     "mloop fail d1: "
                move.l  (sp)+,d0
                say     "mloop fail d2: "
                lea     l_yield(pc),a0          ; synthesized lists are checked too
                moveq   #2,d0
                moveq   #3,d1
                moveq   #K_MLOOP,d2
                trap    #15
                move.l  d1,d7
                say     "mloop yield d0: "
                move.l  d7,d0
                say     "mloop yield d1: "
                lea     l_ref(pc),a0            ; getid, putdec(getid's result) x 3
                moveq   #2,d0
                moveq   #3,d1
                moveq   #K_MLOOP,d2
                trap    #15
                say     " mloop ref d0: "
                lea     l_dots(pc),a0
                moveq   #2,d0
                moveq   #0,d1
                moveq   #K_MLOOP,d2
                trap    #15
                say     "mloop bound 0: "
                lea     l_dots(pc),a0
                moveq   #2,d0
                move.l  #65537,d1
                moveq   #K_MLOOP,d2
                trap    #15
                say     "mloop bound 65537: "
                move.l  ticks,d5
                jsr     u_clock
                move.l  d0,d6
                lea     l_spin(pc),a0           ; clock forever (WHILE > 0): only the bound ends it
                moveq   #1,d0
                move.l  #65536,d1
                moveq   #K_MLOOP,d2
                trap    #15
                say     "mloop 65536 d0: "
                jsr     u_clock
                sub.l   d6,d0
                move.l  d0,d6
                move.l  ticks,d0
                sub.l   d5,d0
                say     "ticker counts during it: "
                move.l  d6,d0
                say     "mloop 65536 clocks: "
                st      done
* Synthesized lists: K_MULTI with MC_SYNTH + entries makes a kernel call of the list.
                msyn    s_good,5                ; putc(d0), getid, putdec(its result),
                moveq   #'P',d0                 ; putc(d0 again), putc(the caller's d4)
                moveq   #'Q',d4
                scall   sgood1
                moveq   #'R',d0
                moveq   #'S',d4
                scall   sgood2
                move.l  d5,d0                   ; freed: the slot is invalid now
                moveq   #K_RMFN,d2
                trap    #15
                scall   sfreed
                msyn    l_fail,3                ; putc x, write(kernel pointer), putc y
                scall   sfail
                move.l  d5,d0
                moveq   #K_RMFN,d2
                trap    #15
                msyn    l_while,3               ; putc <, null (WHILE), putc >
                scall   swhile
                move.l  d5,d0
                moveq   #K_RMFN,d2
                trap    #15
                msyn    l_yield,2               ; refused when made, nothing made
                msyn    l_sel99,1
                msyn    l_selfref,1
                msyn    s_badref,1              ; reference 18: no such thing
                lea     $1000,a0                ; the list in kernel memory
                move.l  #MC_SYNTH+1,d0
                moveq   #K_MULTI,d2
                trap    #15
                say     "kernel list syn: "
                lea     s_good(pc),a0
                move.l  #MC_SYNTH+9,d0          ; above MC_SYNMAX
                moveq   #K_MULTI,d2
                trap    #15
                say     "count syn+9: "
* Slots run out: synthesize (null) until the kernel refuses, then free them all.
                moveq   #0,d6                   ; made
t_many:         lea     l_nulls(pc),a0
                move.l  #MC_SYNTH+1,d0
                moveq   #K_MULTI,d2
                trap    #15
                tst.l   d0
                bmi.s   t_full
                move.l  d0,-(sp)                ; to free
                addq.l  #1,d6
                cmpi.l  #64,d6                  ; (more than there are slots: a bug)
                blo.s   t_many
t_full:         move.l  d1,d7
                say     "slots full d0: "
                move.l  d7,d0
                say     "slots full d1: "
                move.l  d6,d0
                say     "slots made: "
t_free:         subq.l  #1,d6
                bmi.s   t_churn
                move.l  (sp)+,d0
                moveq   #K_RMFN,d2
                trap    #15
                bra.s   t_free
* Churn: more lists made and freed than the kernel has routine records (96), one kept
* alive throughout; it and a new one still run their own lists.
t_churn:        msyn    s_good,5
                move.l  d5,d4                   ; (d4 is also s_good's last putc)
                move.w  #199,d6
t_ch:           lea     l_nulls(pc),a0
                move.l  #MC_SYNTH+2,d0
                moveq   #K_MULTI,d2
                trap    #15
                move.l  d0,d5
                bmi.s   t_chx
                move.l  d5,d2
                trap    #15
                move.l  d5,d0
                moveq   #K_RMFN,d2
                trap    #15
                dbra    d6,t_ch
t_chx:          move.l  d5,d0
                say     "churn last slot: "
                move.l  d4,d5                   ; the one kept
                moveq   #'K',d0
                moveq   #'!',d4
                scall   kept
                move.l  d5,d0
                moveq   #K_RMFN,d2
                trap    #15
* What a crossing costs against a list entry: 100 x (null, null) three ways.
                jsr     u_clock
                move.l  d0,d6
                moveq   #99,d7
t_traps:        moveq   #K_NULL,d2
                trap    #15
                moveq   #K_NULL,d2
                trap    #15
                dbra    d7,t_traps
                jsr     u_clock
                sub.l   d6,d0
                say     "100 x 2 null traps clocks: "
                jsr     u_clock
                move.l  d0,d6
                moveq   #99,d7
t_multi:        lea     l_nulls(pc),a0
                moveq   #2,d0
                moveq   #K_MULTI,d2
                trap    #15
                dbra    d7,t_multi
                jsr     u_clock
                sub.l   d6,d0
                say     "100 x K_MULTI(null, null) clocks: "
                jsr     u_clock                 ; 14 entries more a call: the cost of one
                move.l  d0,d6                   ; interpreted entry, without the crossing
                moveq   #99,d7
t_multi16:      lea     l_nulls16(pc),a0
                moveq   #16,d0
                moveq   #K_MULTI,d2
                trap    #15
                dbra    d7,t_multi16
                jsr     u_clock
                sub.l   d6,d0
                say     "100 x K_MULTI(16 x null) clocks: "
                jsr     u_clock
                move.l  d0,d6
                lea     l_nulls(pc),a0
                moveq   #2,d0
                moveq   #100,d1
                moveq   #K_MLOOP,d2
                trap    #15
                jsr     u_clock
                sub.l   d6,d0
                say     "K_MLOOP(null, null) x 100 clocks: "
                msyn    l_nulls,2
                jsr     u_clock
                move.l  d0,d6
                moveq   #99,d7
t_syn:          move.l  d5,d2
                trap    #15
                dbra    d7,t_syn
                jsr     u_clock
                sub.l   d6,d0
                say     "100 x synthesized (null, null) clocks: "
                jsr     u_exit

l_good:         dc.l    K_PUTC*SEL,'A',0,0,UNSET
                dc.l    K_GETID*SEL,0,0,0,UNSET
                dc.l    K_PUTC*SEL,'B',0,0,UNSET
l_fail:         dc.l    K_PUTC*SEL,'x',0,0,UNSET
                dc.l    K_WRITE*SEL,0,4,$1000,UNSET
                dc.l    K_PUTC*SEL,'y',0,0,UNSET
l_yield:        dc.l    K_NULL*SEL,0,0,0,UNSET
                dc.l    K_YIELD*SEL,0,0,0,UNSET
l_sel99:        dc.l    99*SEL,0,0,0,UNSET
l_flags:        dc.l    $01000000+K_NULL*SEL,0,0,0,UNSET
l_nest:         dc.l    K_MULTI*SEL,1,0,0,UNSET
l_ref:          dc.l    K_GETID*SEL,0,0,0,UNSET
                dc.l    K_PUTDEC*SEL+1*RD0,0,0,0,UNSET
l_selfref:      dc.l    K_PUTDEC*SEL+1*RD0,0,0,0,UNSET
l_fwdref:       dc.l    K_PUTDEC*SEL+2*RD1,0,0,0,UNSET
                dc.l    K_NULL*SEL,0,0,0,UNSET
l_while:        dc.l    K_PUTC*SEL,'<',0,0,UNSET
                dc.l    WHILE+K_NULL*SEL,0,0,0,UNSET
                dc.l    K_PUTC*SEL,'>',0,0,UNSET
l_dots:         dc.l    WHILE+K_PUTC*SEL,'.',0,0,UNSET
                dc.l    K_GETID*SEL,0,0,0,UNSET
l_stop:         dc.l    K_PUTC*SEL,'-',0,0,UNSET
                dc.l    WHILE+K_NULL*SEL,0,0,0,UNSET
l_lfail:        dc.l    K_GETID*SEL,0,0,0,UNSET
                dc.l    K_WRITE*SEL,0,4,$1000,UNSET
l_nulls:        dc.l    K_NULL*SEL,1,2,3,UNSET  ; (arguments null ignores)
                dc.l    K_NULL*SEL,4,5,6,UNSET
l_nulls16:      rept    16
                dc.l    K_NULL*SEL,1,2,3,UNSET
                endr
l_spin:         dc.l    WHILE+K_CLOCK*SEL,0,0,0,UNSET
s_good:         dc.l    K_PUTC*SEL+MC_ARG*RD0,0,0,0,UNSET
                dc.l    K_GETID*SEL,0,0,0,UNSET
                dc.l    K_PUTDEC*SEL+2*RD0,0,0,0,UNSET
                dc.l    K_PUTC*SEL+MC_ARG*RD0,0,0,0,UNSET
                dc.l    K_PUTC*SEL+(MC_D3+1)*RD0,0,0,0,UNSET
s_badref:       dc.l    K_PUTC*SEL+18*RD0,0,0,0,UNSET

* ticker: counts and prints while caller's long looped multi-call runs; it shares
* caller's address space so that caller can read its count.
ticks:          dc.l    0
done:           dc.b    0
                even
ticker:         tst.b   done
                bne.s   .end
                addq.l  #1,ticks
                move.l  #2000,d0
                jsr     u_spin
                bra.s   ticker
.end:           jsr     u_exit
