* multicall.s: the multi-call and the looped multi-call of Cassyopia (Rajagopalan et al.),
* as two kernel procedures: K_MULTI runs an ordered list of kernel calls on one crossing,
* K_MLOOP repeats such a list while a condition holds. Each listed call goes through the
* KPT to its normal procedure with the arguments the list gives, so it gets the same
* checks as when it is trapped to; the list itself is checked against the caller's region
* (check_ptr), every selector against the calls allowed in a list, every reference
* against the entries before it. Included by trap.s; docs/multicall.md is the interface.
*
* List entry (MC_ENTRY = 20 bytes, in the caller's region):
*   +0  byte   flags: bit 7 = MC_WHILE (stop when this call returns <= 0); others 0
*   +1  byte   selector (KPT index)
*   +2  word   references: bits 0-4 d0, 5-9 d1, 10-14 a0; k = 1..16 takes the result
*              of entry k-1 of this pass instead of the field below (0 = the field)
*   +4  long   d0
*   +8  long   d1
*   +12 long   a0
*   +16 long   result: the call's d0, written by the kernel
*
* K_MULTI  a0 = list, d0 = entries (1..MC_MAXCALLS).
*   d0 <- calls run, d1 <- the last result (d0 < entries: an MC_WHILE entry stopped it).
* K_MLOOP  a0 = list, d0 = entries, d1 = passes at most (1..MC_MAXITER).
*   d0 <- passes completed, d1 <- the last result (d0 < d1 asked: an MC_WHILE stopped it).
* A call that returns a negative d0 stops everything: d0 <- its error, d1 <- its index,
* d2 <- passes completed before; later entries do not run. A bad selector (E_MCSEL) or
* reference (E_MCREF) is reported the same way when its entry is reached; a bad list
* pointer, count or pass bound gets E_MCLIST with d1 = -1 before anything runs.
*
* A K_MLOOP list of up to MC_JITMAX entries is synthesized into straight code (mc_jit,
* below) and run from there; other lists are interpreted. An interpreted list is read as it
* runs, entry by entry, with plain supervisor moves after one range check of the whole
* list (k_multi says why that is safe). The caller's interrupt mask is restored after
* every pass of a K_MLOOP (a pass is at most MC_MAXCALLS bounded calls), so the timer
* still preempts a long looped multi-call and the other threads run. MC_MAXITER bounds
* one K_MLOOP; a caller with more to do calls again.

MC_ENTRY        equ     20
MC_MAXCALLS     equ     16
MC_MAXITER      equ     65536
MC_WHILE        equ     $80000000       ; in the entry's first long
MC_JITMAX       equ     8               ; K_MLOOP lists up to this long are synthesized
MC_JITENT       equ     38              ; bytes of code per synthesized entry
MC_JITBUF       equ     384             ; results (32) + code + tail and stubs, on the stack
MC_ALLOW_FILES  equ     (1<<K_OPEN)|(1<<K_CREAT)|(1<<K_READ)|(1<<K_FWRITE)|(1<<K_CLOSE)|(1<<K_LSEEK)
* Calls a list may hold (bit n = selector n). Not: yield, exit, suspend, resume, sleep
* (they switch threads or re-link the ring, which needs the trap frame on top of the
* kernel stack), cache/mkfn/rmfn/mkbuf/syntest/create (they rewrite code or make
* threads), the multi-calls themselves (no nesting), synthesized slots 32-63.
MC_ALLOW        equ     (1<<K_NULL)|(1<<K_PUTC)|(1<<K_GETC)|(1<<K_WRITE)|(1<<K_FLUSH)|(1<<K_PUTDEC)|(1<<K_GETID)|(1<<K_FPSTAT)|(1<<K_CLOCK)|MC_ALLOW_FILES

* K_MULTI, the lean interpreter: an ordered list is short (MC_MAXCALLS) and each call in
* it is bounded, so nothing between two calls needs more than five registers and the
* list's one range check. The list is read and its results written with plain supervisor
* moves: check_ptr has just put every byte of it inside the caller's region, which the
* supervisor map (SRP) maps 1:1, and the data cache allocates on writes (WA), so no
* supervisor-tagged copy of a line the user wrote survives that write (the same argument
* as kcopy's in fs.s; quamachine.i). The caller's interrupt mask is not restored between
* calls: a procedure that masks (the file calls do) leaves the rest of this bounded list
* masked, and the rte restores it; the disk waits (stop #$2000) open the mask anyway.
* Registers: a3 cursor in the current entry, a4 the list, d3 entries left (dbra), d4
* entries - 1, d7 the entry's first long (MC_WHILE, references).
mc_badlist0:    moveq   #E_MCLIST,d0           ; K_MULTI's: nothing saved yet
                moveq   #-1,d1
                rts
k_multi:        move.l  d0,d1
                subq.l  #1,d1                   ; entries - 1, 0..MC_MAXCALLS-1 (unsigned:
                cmp.l   #MC_MAXCALLS-1,d1       ; 0 and negative counts fail too)
                bhi.s   mc_badlist0
                movea.l current,a2              ; check_ptr, inline: the whole list in
                move.l  a0,d2                   ; the caller's region
                sub.l   TTE_UBASE(a2),d2        ; offset in the region
                cmp.l   TTE_USIZE(a2),d2
                bhs.s   mc_badlist0
                lsl.l   #2,d0                   ; entries * MC_ENTRY = 4e + 16e
                add.l   d0,d2
                lsl.l   #2,d0
                add.l   d0,d2                   ; the end's offset (at most USIZE + 320:
                cmp.l   TTE_USIZE(a2),d2        ; no carry)
                bhi.s   mc_badlist0
                movem.l d3-d4/d7/a3-a4,-(sp)
                movea.l a0,a3
                movea.l a0,a4
                move.w  d1,d4
                move.w  d1,d3
.entry:         move.l  (a3)+,d7                ; flags, selector, references
                move.l  d7,d2
                andi.l  #$FFE0FFFF,d2           ; a plain entry: no flag, a selector
                bne.s   .special                ; below 32, no reference
                move.l  d7,d2
                swap    d2                      ; the selector
                move.l  #MC_ALLOW,d1
                btst    d2,d1
                beq.s   .badsel
                move.l  (a3)+,d0                ; the arguments (three moves cost less
                move.l  (a3)+,d1                ; than a movem of three)
                movea.l (a3)+,a0
                movea.l (kpt,d2.w*4),a2         ; the normal procedure, as trap15 does
                jsr     (a2)
                move.l  d0,(a3)+                ; the result, for the caller and for refs
                bmi.s   .fail
.next:          dbra    d3,.entry
                clr.w   d3                      ; all ran: as if stopped after the last
.stop:          move.l  d0,d1                   ; the last result
                moveq   #1,d0                   ; calls run = i + 1, where
                add.w   d4,d0                   ; i = (entries - 1) - entries left
                sub.w   d3,d0
.out:           movem.l (sp)+,d3-d4/d7/a3-a4
                rts
* An entry with MC_WHILE, references, reserved flag bits or a selector of 32 or above.
.special:       move.l  d7,d2
                swap    d2
                andi.w  #$7FFF,d2               ; selector (+ reserved flag bits: bad)
                cmpi.w  #32,d2
                bhs.s   .badsel
                move.l  #MC_ALLOW,d1
                btst    d2,d1
                beq.s   .badsel
                move.l  (a3)+,d0
                move.l  (a3)+,d1
                movea.l (a3)+,a0
                tst.w   d7
                beq.s   .call
                bsr     mc_refs
                bne.s   .badref
.call:          movea.l (kpt,d2.w*4),a2
                jsr     (a2)
                move.l  d0,(a3)+
                bmi.s   .fail
                tst.l   d7
                bpl.s   .next
                tst.l   d0                      ; MC_WHILE: go on only while > 0
                bgt.s   .next
                bra.s   .stop
.badref:        moveq   #E_MCREF,d0
                bra.s   .reject
.badsel:        moveq   #E_MCSEL,d0
                bra.s   .reject
.fail:          subq.l  #4,a3                   ; back inside the failing entry
.reject:        bsr     mc_reject
                moveq   #0,d2                   ; passes completed before: none
                bra.s   .out

* mc_refs: entry i's references (d7's low word; i = d4 - d3; a4 the list). k = 1..16 in
* a 5-bit field names entry k-1, which must come before this one (k-1 < i); its result is
* read back from the list and replaces d0, d1 or a0. Z set: done; Z clear (bne): a
* reference to entry i itself or a later one. Keeps d2-d7. Rare path.
mc_refs:        movem.l d2-d3,-(sp)             ; the selector, the pass counter
                move.w  d4,d2
                sub.w   d3,d2                   ; i, this entry's index
                move.w  d7,d3                   ; d0's reference
                andi.w  #31,d3
                beq.s   .r1
                subq.w  #1,d3
                cmp.w   d2,d3
                bhs.s   .bad
                mulu.w  #MC_ENTRY,d3
                move.l  16(a4,d3.l),d0
.r1:            move.w  d7,d3                   ; d1's
                lsr.w   #5,d3
                andi.w  #31,d3
                beq.s   .r2
                subq.w  #1,d3
                cmp.w   d2,d3
                bhs.s   .bad
                mulu.w  #MC_ENTRY,d3
                move.l  16(a4,d3.l),d1
.r2:            move.w  d7,d3                   ; a0's
                lsr.w   #5,d3
                lsr.w   #5,d3
                andi.w  #31,d3
                beq.s   .r3
                subq.w  #1,d3
                cmp.w   d2,d3
                bhs.s   .bad
                mulu.w  #MC_ENTRY,d3
                movea.l 16(a4,d3.l),a0
.r3:            movem.l (sp)+,d2-d3             ; (movem leaves the flags alone)
                move.w  #4,ccr                  ; Z set: good
                rts
.bad:           movem.l (sp)+,d2-d3
                move.w  #0,ccr                  ; Z clear: a bad reference
                rts

* mc_reject: d0 = an error for entry i, a3 anywhere inside it, a4 the list: store the
* error as its result; d1 <- i.
mc_reject:      move.l  a3,d1
                sub.l   a4,d1
                divu.w  #MC_ENTRY,d1
                andi.l  #$FFFF,d1               ; i
                move.l  d1,d2
                mulu.w  #MC_ENTRY,d2
                move.l  d0,16(a4,d2.l)
                rts

* K_MLOOP. Registers while a list runs (kernel procedures preserve d3-d7/a3-a6): a4 list,
* a3 cursor in the current entry, d3 entries left in this pass (dbra), d4 entries - 1, d5
* MC_ALLOW, d6 passes left, d7 the entry's first long, a5 passes completed; (sp) the
* caller's SR (a word, then a pad word: a misaligned stack would double every long the
* procedures push). The interpreted loop (lists longer than MC_JITMAX) reads the list as
* K_MULTI does and restores the caller's interrupt mask after every pass, as the
* synthesized one does: a pass is at most MC_MAXCALLS bounded calls, so the timer still
* preempts a long loop.
k_mloop:        movem.l d3-d7/a3-a5,-(sp)
                move.l  d1,d6                   ; passes asked: 1..MC_MAXITER
                beq     mc_badlist
                cmp.l   #MC_MAXITER,d6
                bhi     mc_badlist
                move.l  d0,d4
                beq     mc_badlist
                cmp.l   #MC_MAXCALLS,d4         ; unsigned: negative counts fail too
                bhi     mc_badlist
                movea.l a0,a4
                move.l  d4,d1
                mulu.w  #MC_ENTRY,d1
                bsr     check_ptr               ; the whole list in the caller's region
                bne     mc_badlist
                subq.w  #1,d4
                move.l  #MC_ALLOW,d5
                suba.l  a5,a5
                subq.l  #2,sp                   ; (keeps the stack long-aligned: the
                move.w  sr,-(sp)                ; procedures push longs) the caller's mask
                cmpi.w  #MC_JITMAX-1,d4         ; a short list: synthesized
                bls     mc_jit
mc_pass:        movea.l a4,a3
                move.w  d4,d3
.entry:         move.l  (a3)+,d7                ; flags, selector, references
                move.l  d7,d2
                swap    d2
                andi.w  #$7FFF,d2               ; selector (+ reserved flag bits: bad)
                cmpi.w  #32,d2
                bhs.s   .badsel
                btst    d2,d5
                beq.s   .badsel
                move.l  (a3)+,d0                ; the arguments
                move.l  (a3)+,d1
                movea.l (a3)+,a0
                tst.w   d7
                bne.s   .refs
.call:          movea.l (kpt,d2.w*4),a2         ; the normal procedure, as trap15 does
                jsr     (a2)
                move.l  d0,(a3)+                ; the result, for the caller and for refs
                bmi.s   .fail
                tst.l   d7
                bmi.s   .while
.next:          dbra    d3,.entry
                move.w  (sp),sr                 ; a procedure may have masked interrupts
                addq.l  #1,a5
                subq.l  #1,d6
                bne     mc_pass
.stop:          move.l  d0,d1                   ; the last result
                move.l  a5,d0                   ; passes completed
.out:           addq.l  #4,sp
                movem.l (sp)+,d3-d7/a3-a5
                rts
.while:         tst.l   d0                      ; MC_WHILE: go on only while > 0
                bgt.s   .next
                bra.s   .stop
.refs:          bsr     mc_refs
                beq.s   .call
                moveq   #E_MCREF,d0
                bra.s   .reject
.badsel:        moveq   #E_MCSEL,d0
                bra.s   .reject
.fail:          subq.l  #4,a3                   ; back inside the failing entry
.reject:        bsr     mc_reject
                move.l  a5,d2                   ; passes completed before
                bra.s   .out

mc_badlist:     moveq   #E_MCLIST,d0
                moveq   #-1,d1
                movem.l (sp)+,d3-d7/a3-a5
                rts

* mc_jit: K_MLOOP of 1..MC_JITMAX entries, synthesized (Synthesis' remedy for an
* interpreter): the list is read and checked once, and written as straight code on the
* kernel stack, one 38-byte block per entry with its arguments as immediates (or, for a
* reference, an absolute load of the earlier entry's result slot):
*     move.l  #d0,d0 | move.l (res_k).l,d0        203C / 2039
*     move.l  #d1,d1 | move.l (res_k).l,d1        223C / 2239
*     movea.l #a0,a0 | movea.l (res_k).l,a0       207C / 2079
*     jsr     procedure.l                         4EB9 (the KPT entry, read now)
*     move.l  d0,(res_i).l                        23C0
*     bmi.w   fail_i                              6B00
*     beq.w   stop  (MC_WHILE) | nop; nop         6700 / 4E71 4E71
* then the tail: move.w d7,sr (the caller's mask: the timer still preempts); subq.l #1,d6;
* bne.w to the first entry; moveq #-3,d1; rts (bound reached); stop: moveq #-2,d1; rts;
* fail_i: moveq #i,d1; rts. The I-cache is cleared (CI) before it runs. Any entry the
* interpreter would refuse sends the whole list back to it (mc_pass), which reports the
* error as usual. In: a4 list, d4 entries - 1, d5 MC_ALLOW, d6 passes, (sp) caller's SR.
mc_jit:         lea     -MC_JITBUF(sp),sp
                movea.l sp,a5                   ; result slots, one long per entry
                lea     32(a5),a3               ; the code
                move.w  d4,d0
                addq.w  #1,d0
                mulu.w  #MC_JITENT,d0
                lea     (a3,d0.l),a2            ; the tail
                movea.l a4,a1                   ; the list, read once
                moveq   #0,d3                   ; i
.gen:           moves.l (a1)+,d7                ; flags, selector, references
                move.l  d7,d2
                swap    d2
                andi.w  #$7FFF,d2
                cmpi.w  #32,d2
                bhs     .bail
                btst    d2,d5
                beq     .bail
                move.w  d7,d0                   ; d0: immediate or reference
                move.w  #$203C,d1
                bsr     .field
                bne     .bail
                move.w  d7,d0                   ; d1
                lsr.w   #5,d0
                move.w  #$223C,d1
                bsr     .field
                bne     .bail
                move.w  d7,d0                   ; a0
                lsr.w   #5,d0
                lsr.w   #5,d0
                move.w  #$207C,d1
                bsr     .field
                bne     .bail
                move.w  #$4EB9,(a3)+            ; jsr procedure.l
                move.l  (kpt,d2.w*4),(a3)+
                move.w  #$23C0,(a3)+            ; move.l d0,(res_i).l
                lea     (a5,d3.w*4),a0
                move.l  a0,(a3)+
                moves.l (a1)+,d0                ; the entry's result field stays as it
                move.l  d0,(a0)                 ; is until the entry runs
                move.w  #$6B00,(a3)+            ; bmi.w fail_i
                lea     16(a2,d3.w*4),a0
                move.l  a0,d0
                sub.l   a3,d0
                move.w  d0,(a3)+
                tst.l   d7
                bpl.s   .nowhile
                move.w  #$6700,(a3)+            ; beq.w stop
                lea     12(a2),a0
                move.l  a0,d0
                sub.l   a3,d0
                move.w  d0,(a3)+
                bra.s   .stub
.nowhile:       move.l  #$4E714E71,(a3)+
.stub:          move.w  d3,d0                   ; fail_i: moveq #i,d1; rts
                ori.w   #$7200,d0
                move.w  d0,16(a2,d3.w*4)
                move.w  #$4E75,18(a2,d3.w*4)
                addq.w  #1,d3
                cmp.w   d4,d3
                bls     .gen
                move.w  #$46C7,(a2)             ; move.w d7,sr
                move.w  #$5386,2(a2)            ; subq.l #1,d6
                move.w  #$6600,4(a2)            ; bne.w first entry
                lea     32-6(a5),a0             ; first entry - (the extension word at 6(a2))
                move.l  a0,d0
                sub.l   a2,d0
                move.w  d0,6(a2)
                move.l  #$72FD4E75,8(a2)        ; bound reached: moveq #-3,d1; rts
                move.l  #$72FE4E75,12(a2)       ; MC_WHILE stop: moveq #-2,d1; rts
                move.l  #CACR_CI,d0             ; no stale lines of an earlier list here
                movec   d0,cacr
                move.w  MC_JITBUF(sp),d7        ; the caller's SR, for the tail
                move.l  d6,-(sp)                ; passes asked
                jsr     32(a5)
                move.l  (sp)+,d3
                movea.l a5,a0                   ; the results back into the list
                lea     16(a4),a1
                move.w  d4,d7
.wb:            move.l  (a0)+,d2
                moves.l d2,(a1)
                lea     MC_ENTRY(a1),a1
                dbra    d7,.wb
                move.l  d3,d2
                sub.l   d6,d2                   ; passes completed
                tst.l   d1
                bpl.s   .done                   ; entry d1 failed: d0 = its error
                move.l  d0,d1                   ; the last result
                move.l  d2,d0                   ; passes completed
.done:          lea     MC_JITBUF+4(sp),sp
                movem.l (sp)+,d3-d7/a3-a5
                rts
.bail:          lea     MC_JITBUF(sp),sp        ; the interpreter reports it
                suba.l  a5,a5
                bra     mc_pass

* .field: emit one argument. d0 (low 5 bits) = reference k, d1 = the immediate form's
* opcode, (a1)+ = the field's value, d3 = i. Z set: emitted; Z clear: a bad reference.
.field:         moves.l (a1)+,a0
                andi.w  #31,d0
                bne.s   .fref
                move.w  d1,(a3)+                ; op #value
                move.l  a0,(a3)+
                cmp.w   d0,d0                   ; Z set (the moves set it by the value)
                rts
.fref:          subq.w  #1,d0
                cmp.w   d3,d0                   ; an earlier entry only
                bhs.s   .fbad
                subq.w  #3,d1                   ; op (res_k).l
                move.w  d1,(a3)+
                lea     (a5,d0.w*4),a0
                move.l  a0,(a3)+
                cmp.w   d0,d0                   ; Z set
                rts
.fbad:          moveq   #1,d0                   ; Z clear
                rts
