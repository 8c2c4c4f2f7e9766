* calls.s: kernel calls every way (general dispatch, stub inlined, cached trap, cached
* and inlined) must give the same results; bad indices and pointers get the error; a
* synthesized function answers as its template says, is cached, then invalidated; the
* fast buffer of Figure 3.2; the stale-code test (K_SYNTEST); suspend and resume.

user_threads:   dc.l    caller,USERBASE,n_caller
                dc.l    other,USERBASE+USERSIZE,n_other
                dc.l    0
n_caller:       dc.b    "caller",0
n_other:        dc.b    "other",0
                even

                org     USERBASE
caller:         moveq   #1,d0                   ; other must not run before it resumes
                jsr     u_suspend
                say     "suspend other: "
                jsr     u_getid
                say     "general getid: "
                jsr     u_null
                say     "general null: "
                move.l  #99,d2
                trap    #15
                say     "bad index 99: "
                moveq   #-5,d2
                trap    #15
                say     "bad index -5: "
                moveq   #40,d2
                trap    #15
                say     "unused slot 40: "
                lea     $1000,a0
                moveq   #4,d1
                jsr     u_write
                say     "bad pointer: "
                moveq   #7,d0                   ; f for B = 7: fn_gen
                jsr     u_mkfn
                move.l  d0,d5
                say     "mkfn B=7 slot: "
                move.l  d5,d2
                moveq   #3,d0
                trap    #15
                say     "general f(3): "
                moveq   #K_GETID,d0             ; cache getid on a free trap
                lea     c_getid(pc),a0
                jsr     u_cache
                say     "cached getid on trap: "
                jsr     c_getid
                say     "cached getid: "
                move.l  d5,d0                   ; cache f too (c_fn loads slot 32)
                lea     c_fn(pc),a0
                jsr     u_cache
                say     "cached f on trap: "
                moveq   #3,d0
                jsr     c_fn
                say     "cached f(3): "
                moveq   #2,d7                   ; inlined, three times: the first call
inl1:           jsr     (i_getid).l             ; patches this call site
site1:          say     "inlined getid: "
                dbra    d7,inl1
                moveq   #0,d0
                move.w  site1-6,d0
                say     "call site 1 now starts with: "
                moveq   #2,d7
inl2:           moveq   #3,d0
                jsr     (i_cfn).l
site2:          say     "cached+inlined f(3): "
                dbra    d7,inl2
                moveq   #0,d0
                move.w  site2-4,d0
                say     "call site 2 now traps with: "
                move.l  d5,d0                   ; invalidate f
                jsr     u_rmfn
                say     "rmfn: "
                move.l  d5,d2
                moveq   #3,d0
                trap    #15
                say     "f after invalidation: "
                moveq   #-2,d0                  ; specialised templates
                bsr     tryfn
                moveq   #0,d0
                bsr     tryfn
                moveq   #1,d0
                bsr     tryfn
                moveq   #8,d0
                bsr     tryfn
                moveq   #5,d0
                bsr     tryfn
                lea     buf,a0                  ; the fast buffer, 16 bytes
                moveq   #16,d1
                jsr     u_mkbuf
                move.l  d0,d5
                say     "mkbuf slot: "
                lea     text(pc),a3
                moveq   #0,d6                   ; flushes seen
.put:           moveq   #0,d0
                move.b  (a3)+,d0
                beq.s   .putdone
                move.l  d5,d2
                trap    #15
                cmp.l   #-1,d0                  ; -1: this put filled and flushed it
                bne.s   .put
                addq.l  #1,d6
                bra.s   .put
.putdone:       moveq   #10,d0
                trap    #1
                move.l  d6,d0
                say     "bufput flushes: "
                moveq   #3,d0
                moveq   #K_SYNTEST,d2
                trap    #15
                move.l  d1,d5
                say     "syntest f(3) before re-fill: "
                move.l  d5,d0
                say     "syntest f(3) after re-fill: "
                lea     child(pc),a0            ; a thread in this address space
                jsr     u_create
                say     "created child: "
                moveq   #1,d0
                jsr     u_resume
                say     "resume other: "
                jsr     u_exit

child:          jsr     u_getid
                say     "child: running in the caller's space, id "
                jsr     u_exit

* tryfn: d0 = B: synthesize f, print f(3), invalidate.
tryfn:          movem.l d3-d4,-(sp)
                move.l  d0,d3
                jsr     u_mkfn
                move.l  d0,d4
                move.l  d4,d2
                moveq   #3,d0
                trap    #15
                move.l  d0,-(sp)
                move.l  d3,d0
                say     "B = "
                move.l  (sp)+,d0
                say     "  f(3) = "
                move.l  d4,d0
                jsr     u_rmfn
                movem.l (sp)+,d3-d4
                rts

* private stubs: K_CACHE rewrites their trap instruction
c_getid:        moveq   #K_GETID,d2
                trap    #15
                rts
c_fn:           moveq   #32,d2                  ; the first synthesized slot
                trap    #15
                rts
g_getid:        moveq   #K_GETID,d2
                trap    #15
                rts
* lazily inlined stubs (u_inline, ulib.s): the first call copies the stub's moveq+trap
* over the `jsr (x).l` that called it
i_getid:        lea     g_getid(pc),a1
                jmp     u_inline
i_cfn:          lea     c_fn(pc),a1
                jmp     u_inline

text:           dc.b    "0123456789ABCDEFghijklmnopqrstuv",0
                even

                org     USERBASE+$C000
buf:            ds.b    16

                org     USERBASE+USERSIZE
other:          lea     o_msg(pc),a0
                moveq   #1,d0
                jsr     u_line
                jsr     u_exit
o_msg:          dc.b    "other: running, id ",0
                even
