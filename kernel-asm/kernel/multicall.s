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
MC_SYNMAX       equ     8               ; entries of a list K_MULTI synthesizes
MC_SYN_TMPL     equ     $7FF0           ; the routine records' "template" of such code
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
                bhi     mc_count
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

* ---- K_MULTI with MC_SYNTH: a multi-call list synthesized into a kernel call ----
* The interpreted multi-call reads and checks every entry on every call, which costs
* about what the crossing it saves (docs/multicall.md). Synthesis' remedy is to factor
* the invariants out: K_MULTI with d0 = MC_SYNTH + entries (1..MC_SYNMAX) does not run
* the list; it checks it once and writes it as a new kernel procedure in a free KPT slot
* (as K_MKFN does), returned in d0. Calling that slot (d2 = slot, trap #15) runs the
* list's calls through the same procedures, with the arguments as immediates, except
* those whose reference is MC_ARG: they take the caller's d0, d1 or a0 of that call, so
* a value that changes from call to call (the copy's byte count) still comes in a
* register. References MC_D3..MC_D3+4 take the caller's d3..d7 (kernel procedures
* preserve them), so one synthesized list can serve, say, every pair of files a program
* copies. A reference k = 1..16 takes entry k-1's result of this call, as in K_MULTI.
* The slot returns as K_MULTI does: d0 = calls run, d1 = the last result; a negative
* result stops it with d0 = that error, d1 = the entry's index. K_RMFN frees it.
* Refusals are K_MULTI's: E_MCLIST (d1 = -1) for the list, E_MCSEL / E_MCREF (d1 = the
* entry) for an entry, E_BAD (d1 = -1) when no KPT slot or routine record is free.
*
* The code, in one block of code memory (its routine record's template: MC_SYN_TMPL):
*   stubs, 20 bytes per entry i: fail_i: moveq #i,d1; lea F(sp),sp; rts
*                                stop_i: move.l d0,d1; moveq #i+1,d0; lea F(sp),sp; rts
*   entry point (the KPT's):     [movem.l d0-d1/a0,-(sp); lea -32(sp),sp]   (frame)
*   per entry:  d0, d1, a0 from  moveq #v | move.l #v | move.l (frame slot)  (MC_ARG, refs)
*                                | move.l dr (MC_D3 + r - 3: the caller's d3..d7)
*               jsr     procedure.l                       (the KPT entry, read now: the
*               tst.l d0 | move.l d0,(4i,sp)              calls a list may hold are
*               bmi.w   fail_i                            installed at boot, for good)
*               [beq.w  stop_i]                           (MC_WHILE)
*   tail:       move.l d0,d1; moveq #n,d0; [lea 44(sp),sp]; rts
* The frame (F = 44 bytes: results of entries 0-7, then the caller's d0, d1, a0) is made
* only when an entry references an earlier one or takes MC_ARG after entry 0 (in entry 0
* the caller's registers are still there); otherwise F = 0.
mc_count:       move.l  d0,d1                   ; MC_SYNTH + 1..MC_SYNMAX?
                sub.l   #MC_SYNTH+1,d1
                cmp.l   #MC_SYNMAX-1,d1
                bhi     mc_badlist0
                sub.l   #MC_SYNTH,d0
* mc_synth: a0 = list, d0 = entries (1..MC_SYNMAX). Registers: a4 list, d4 entries,
* d3 i, d7 the entry's first long, d6 bit 31 = frame, bit k = entry k's result is
* referenced, d5 the slot, a5 the block, a3 where code goes, a1 the entry.
mc_synth:       ori.w   #$0700,sr               ; the KPT and code memory change
                movem.l d3-d7/a3-a6,-(sp)
                move.l  CLOCK_HI,d1             ; the creation cost, from here
                move.l  CLOCK_LO,-(sp)
                movea.l a0,a4
                move.l  d0,d4
                move.l  d0,d1
                mulu.w  #MC_ENTRY,d1
                bsr     check_ptr               ; the whole list in the caller's region
                bne     .badlist
                moveq   #0,d6                   ; check every entry; note frame and refs
                moveq   #0,d3
                movea.l a4,a1
.chk:           move.l  (a1),d7
                move.l  d7,d2
                swap    d2
                andi.w  #$7FFF,d2               ; selector (+ reserved flag bits: bad)
                cmpi.w  #32,d2
                bhs     .badsel
                move.l  #MC_ALLOW,d1
                btst    d2,d1
                beq     .badsel
                move.w  d7,d0                   ; d0's reference
                bsr     .refchk
                bne     .badref
                move.w  d7,d0                   ; d1's
                lsr.w   #5,d0
                bsr     .refchk
                bne     .badref
                move.w  d7,d0                   ; a0's
                lsr.w   #5,d0
                lsr.w   #5,d0
                bsr     .refchk
                bne     .badref
                lea     MC_ENTRY(a1),a1
                addq.w  #1,d3
                cmp.w   d4,d3
                blo.s   .chk
                cmpi.l  #RT_MAX,nroutines       ; a routine record for it? (with the
                blo.s   .rt                     ; table full, only a freed one will do:
                tst.l   rt_free                 ; never another routine's)
                beq     .full
.rt:            bsr     kpt_free_slot
                bmi     .full
                move.l  d0,d5
                move.l  d4,d0                   ; 20 n of stubs + at most 36 n of
                mulu.w  #56,d0                  ; entries + 8 of frame + 10 of tail
                add.l   #18,d0
                bsr     syn_alloc
                movea.l a1,a5
                moveq   #0,d1                   ; F: the frame's bytes
                tst.l   d6
                bpl.s   .f0
                moveq   #44,d1
.f0:            movea.l a5,a3                   ; the stubs
                moveq   #0,d3
.stub:          move.w  d3,d0
                ori.w   #$7200,d0               ; fail_i: moveq #i,d1
                move.w  d0,(a3)+
                move.w  #$4FEF,(a3)+            ; lea F(sp),sp
                move.w  d1,(a3)+
                move.w  #$4E75,(a3)+            ; rts
                move.w  #$2200,(a3)+            ; stop_i: move.l d0,d1
                move.w  d3,d0
                addq.w  #1,d0
                ori.w   #$7000,d0               ; moveq #i+1,d0
                move.w  d0,(a3)+
                move.w  #$4FEF,(a3)+
                move.w  d1,(a3)+
                move.w  #$4E75,(a3)+
                move.w  #$4E71,(a3)+            ; (pad to 20)
                addq.w  #1,d3
                cmp.w   d4,d3
                blo.s   .stub
                move.l  a3,-(sp)                ; the entry point
                tst.l   d6
                bpl.s   .body
                move.l  #$48E7C080,(a3)+        ; movem.l d0-d1/a0,-(sp)
                move.l  #$4FEFFFE0,(a3)+        ; lea -32(sp),sp
.body:          movea.l a4,a1
                moveq   #0,d3
.ent:           move.l  (a1),d7
                moveq   #0,d1                   ; d0
                move.w  d7,d0
                bsr     .field
                moveq   #1,d1                   ; d1
                move.w  d7,d0
                lsr.w   #5,d0
                bsr     .field
                moveq   #2,d1                   ; a0
                move.w  d7,d0
                lsr.w   #5,d0
                lsr.w   #5,d0
                bsr     .field
                move.w  #$4EB9,(a3)+            ; jsr procedure.l
                move.l  d7,d2
                swap    d2
                andi.w  #$7F,d2
                move.l  (kpt,d2.w*4),(a3)+
                btst    d3,d6                   ; its result referenced later?
                beq.s   .tst
                move.w  #$2F40,(a3)+            ; move.l d0,(4i,sp)
                move.w  d3,d0
                lsl.w   #2,d0
                move.w  d0,(a3)+
                bra.s   .bmi
.tst:           move.w  #$4A80,(a3)+            ; tst.l d0
.bmi:           move.w  #$6B00,(a3)+            ; bmi.w fail_i
                move.w  d3,d0
                mulu.w  #20,d0
                lea     (a5,d0.l),a0
                move.l  a0,d0
                sub.l   a3,d0
                move.w  d0,(a3)+
                tst.l   d7
                bpl.s   .next
                move.w  #$6700,(a3)+            ; beq.w stop_i (MC_WHILE)
                lea     8(a0),a0
                move.l  a0,d0
                sub.l   a3,d0
                move.w  d0,(a3)+
.next:          lea     MC_ENTRY(a1),a1
                addq.w  #1,d3
                cmp.w   d4,d3
                blo     .ent
                move.w  #$2200,(a3)+            ; tail: move.l d0,d1
                move.w  d4,d0
                ori.w   #$7000,d0               ; moveq #n,d0
                move.w  d0,(a3)+
                tst.l   d6
                bpl.s   .f1
                move.l  #$4FEF002C,(a3)+        ; lea 44(sp),sp (the frame)
.f1:            move.w  #$4E75,(a3)+            ; rts
                movea.l a5,a0                   ; the I-cache is not coherent
                move.l  a3,d1
                sub.l   a5,d1
                move.l  d1,-(sp)
                bsr     icache_clear
                addq.l  #4,sp
                movea.l (sp)+,a6                ; the entry point
                move.l  d4,d1                   ; syn_record: d5 = the block's size,
                mulu.w  #56,d1                  ; d6 = its kind, d3 = one reference
                add.l   #18,d1
                move.l  d5,d4                   ; the slot
                move.l  d1,d5
                move.l  #MC_SYN_TMPL,d6
                moveq   #1,d3
                move.l  CLOCK_HI,d0             ; ... to here
                move.l  CLOCK_LO,d0
                sub.l   (sp)+,d0
                sub.l   clk_cal,d0
                bsr     syn_record
                movea.l current,a2
                move.l  TTE_ID(a2),RT_OWNER(a1)
                move.l  a6,(kpt,d4.w*4)
                move.l  a1,(kpt_rt,d4.w*4)
                move.l  d4,d0                   ; the slot
.out:           movem.l (sp)+,d3-d7/a3-a6
                rts
.badlist:       moveq   #E_MCLIST,d0
                moveq   #-1,d1
                bra.s   .drop
.full:          moveq   #E_BAD,d0
                moveq   #-1,d1
                bra.s   .drop
.badref:        moveq   #E_MCREF,d0
                move.l  d3,d1
                bra.s   .drop
.badsel:        moveq   #E_MCSEL,d0
                move.l  d3,d1
.drop:          addq.l  #4,sp                   ; the start clock
                bra.s   .out

* .refchk: d0 (low 5 bits) = a field's reference, d3 = i. Z set: fine (a reference to
* entry k-1 < i sets d6's bit k-1 and bit 31; MC_ARG after entry 0 sets bit 31);
* MC_D3..MC_D3+4 need nothing; Z clear: a reference to entry i itself or a later one,
* or 17..19, 25..30.
.refchk:        andi.w  #31,d0
                beq.s   .rok
                cmpi.w  #MC_ARG,d0
                beq.s   .rarg
                cmpi.w  #MC_D3,d0               ; the caller's d3..d7: kernel calls
                blo.s   .rent                   ; keep them, so they are still there
                cmpi.w  #MC_D3+4,d0
                bls.s   .rok
.rent:          subq.w  #1,d0
                cmp.w   d3,d0
                bhs.s   .rbad
                bset    d0,d6
                bset    #31,d6
.rok:           cmp.w   d0,d0                   ; Z set
                rts
.rarg:          tst.w   d3
                beq.s   .rok
                bset    #31,d6
                bra.s   .rok
.rbad:          moveq   #1,d0                   ; Z clear
                rts

* .field: emit the code that loads one argument. d1 = which (0 d0, 1 d1, 2 a0), d0 (low 5
* bits) = its reference, (a1) + 4 + 4 d1 = its value, d3 = i, a3 where code goes.
.field:         andi.w  #31,d0
                beq.s   .imm
                cmpi.w  #MC_ARG,d0
                beq.s   .arg
                cmpi.w  #MC_D3,d0
                blo.s   .res
                subi.w  #MC_D3-3,d0             ; the caller's d3..d7:
                or.w    (.opreg,pc,d1.w*2),d0   ; move.l dr,d0 / d1; movea.l dr,a0
                move.w  d0,(a3)+
                rts
.res:           subq.w  #1,d0                   ; entry k-1's result: (4(k-1),sp)
                lsl.w   #2,d0
                bra.s   .frame
.arg:           tst.w   d3                      ; entry 0: the caller's register is
                beq.s   .fdone                  ; still there
                move.w  d1,d0                   ; the caller's, saved: (32 + 4 w,sp)
                lsl.w   #2,d0
                add.w   #32,d0
.frame:         move.w  (.opfr,pc,d1.w*2),(a3)+
                move.w  d0,(a3)+
.fdone:         rts
.imm:           move.l  4(a1,d1.w*4),d0         ; the value (the list, read in place)
                cmpi.w  #2,d1
                beq.s   .long                   ; a0: no moveq
                move.l  d0,d2
                addi.l  #128,d2
                cmp.l   #255,d2
                bhi.s   .long
                andi.w  #$FF,d0                 ; moveq #v,dn
                or.w    (.opq,pc,d1.w*2),d0
                move.w  d0,(a3)+
                rts
.long:          move.w  (.opim,pc,d1.w*2),(a3)+ ; move.l #v,dn / movea.l #v,a0
                move.l  d0,(a3)+
                rts
.opreg:         dc.w    $2000,$2200,$2040
.opfr:          dc.w    $202F,$222F,$206F       ; move.l (d16,sp),d0 / d1; movea.l .., a0
.opim:          dc.w    $203C,$223C,$207C
.opq:           dc.w    $7000,$7200
