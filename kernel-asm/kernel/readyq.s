* readyq.s: the ready queue as an executable data structure (section 3.2.3). Ready
* threads form a circular ring; the ring is kept twice: as data (TTE_NEXT/TTE_PREV, for
* the kernel to walk) and as code (the jmp at the end of each sw_out names the next
* thread's sw_in, or its sw_in_mmu when the address space changes). Every change
* re-patches the jmp operands it affects and clears their I-cache entries.
* All with interrupts masked.

* rq_insert: a3 = TTE, joins the ring after rq_anchor (or alone). rq_anchor <- a3.
* Trashes d0-d2/a0-a1.
rq_insert:      addq.l  #1,nready
                movea.l rq_anchor,a0
                move.l  a0,d0
                bne.s   .join
                move.l  a3,TTE_NEXT(a3)         ; the only thread: its own next
                move.l  a3,TTE_PREV(a3)
                bra.s   .link
.join:          movea.l TTE_NEXT(a0),a1
                move.l  a1,TTE_NEXT(a3)
                move.l  a0,TTE_PREV(a3)
                move.l  a3,TTE_PREV(a1)
                move.l  a3,TTE_NEXT(a0)
                bsr     rq_link                 ; a0 -> a3
.link:          movea.l a3,a0
                bsr     rq_link                 ; a3 -> its next
                move.l  a3,rq_anchor
                rts

* rq_remove: a3 = TTE, leaves the ring (its own links are left as they were, so a
* thread removing itself still jumps on to its old next). Trashes d0-d2/a0-a1.
rq_remove:      movea.l TTE_PREV(a3),a0
                movea.l TTE_NEXT(a3),a1
                move.l  a1,TTE_NEXT(a0)
                move.l  a0,TTE_PREV(a1)
                cmpa.l  rq_anchor,a3
                bne.s   .a
                move.l  a0,rq_anchor
.a:                                             ; prev -> next: falls into rq_link

* rq_link: a0 = TTE. Patch its sw_out's jmp to its next thread's entry: that thread's
* sleepchk while it sleeps, else its sw_in when both share an address space, its
* sw_in_mmu when not. A sleeping a0 also gets its sleepchk's "not yet" jmp patched (to
* the next entry, through sw_in_mmu: the space loaded there is unknown).
* Trashes d0-d2/a1.
rq_link:        movea.l TTE_NEXT(a0),a1
                move.l  TTE_SLEEPCHK(a1),d2
                bne.s   .set
                move.l  TTE_SWIN(a1),d2
                move.l  TTE_AS(a0),d0
                cmp.l   TTE_AS(a1),d0
                beq.s   .set
                move.l  TTE_SWINM(a1),d2
.set:           movea.l TTE_SWOUT(a0),a1
                lea     sw_out.next(a1),a1
                bsr.s   rq_patch
                move.l  TTE_SLEEPCHK(a0),d0     ; asleep itself?
                beq.s   .done
                movea.l d0,a1
                lea     sleepchk.next(a1),a1
                movea.l TTE_NEXT(a0),a0         ; (a0 comes back below)
                move.l  TTE_SLEEPCHK(a0),d2
                bne.s   .s2
                move.l  TTE_SWINM(a0),d2
.s2:            movea.l TTE_PREV(a0),a0
                bsr.s   rq_patch
.done:          rts

* rq_patch: a1 = a jmp operand, d2 = its new target. Writes it and clears the I-cache
* entries of just those four bytes: one CEI when the operand is long-word aligned (every
* sw_out's is: the template is laid out for it), two when it straddles (sleepchk's,
* waitchk's). Inline, no call to icache_clear and nothing saved: this is the whole cost
* of re-linking the executable ready queue. Preserves a0, d2. Trashes d0-d1.
rq_patch:       move.l  d2,(a1)                 ; the executable link
                addq.l  #1,nswitch_patch
                move.l  a1,d0
                move.l  #CACR_CEI,d1
                movec   d0,caar
                movec   d1,cacr
                btst    #1,d0                   ; straddles two long words?
                beq.s   .done
                addq.l  #4,d0
                movec   d0,caar
                movec   d1,cacr
.done:          rts
