* mmu.s: address spaces (68030 PMMU). Owns the translation tables: the supervisor's
* tree (SRP) and one tree per user address space (its root pointer, loaded into CRP by
* sw_in_mmu).
*
* TC has SRE set, so supervisor accesses translate through SRP: an identity map of the
* 16 MiB of RAM, of the framebuffer and of the device page, by early termination (1 MiB page descriptors
* at level B). User accesses -- and the kernel's own `moves` into user memory --
* translate through CRP: a tree that maps only that program's 64 KiB region
* (read/write), the shared stub library ULIB (write-protected) and the device page
* (cache-inhibited; it stays reachable from user mode for the timing probes; console
* I/O is still trap 1/2). Kernel memory is in no user tree, so a user read, write or
* jump there is a bus error, and k_fault kills the thread.
*
* TC: 4 KiB pages, three levels indexed 8/4/8 bits (A: 16 MiB, B: 1 MiB, C: 4 KiB),
* short (4-byte) descriptors. Threads whose regions share a base share the space (and
* then switch between each other through sw_in, without touching CRP).

MMU_TC          equ     $82C08480               ; E, SRE, PS 4K, IS 0, TIA 8, TIB 4, TIC 8
DT_PAGE         equ     1
DT_TABLE        equ     2                       ; a valid table of 4-byte descriptors
PD_WP           equ     4                       ; write-protected
PD_CI           equ     $40                     ; cache-inhibited
PT_ULIB_C       equ     PT_AREA                 ; C table of $000000-$0FFFFF: ULIB only
PT_SUP_A        equ     PT_AREA+$400            ; the supervisor's A table
PT_SUP_B        equ     PT_AREA+$800            ; its B table of the first 16 MiB
PT_DEV_B        equ     PT_AREA+$840            ; B table of $FF000000-: the device page
PT_SRP          equ     PT_AREA+$880            ; the SRP value
PT_FB_B         equ     PT_AREA+$8C0            ; B table of $80000000-: the framebuffer
PT_SPACES       equ     PT_AREA+$1000           ; space n: PT_SPACES + n*$1000
SP_A            equ     $000                    ; its A table (256 descriptors)
SP_C            equ     $400                    ; its C table of $100000-$1FFFFF
SP_B            equ     $800                    ; its B table (16 descriptors)
SP_CRP          equ     $900                    ; its root pointer value (8 bytes)
nspaces         equ     KDATA+$3C

mmu_init:       lea     PT_AREA,a0              ; every descriptor invalid
                move.w  #$1000/4-1,d0
.clr:           clr.l   (a0)+
                dbra    d0,.clr
                lea     PT_ULIB_C+($F0*4),a0    ; ULIB's 16 pages, read-only
                move.l  #ULIB+PD_WP+DT_PAGE,d1
                moveq   #15,d0
.ulib:          move.l  d1,(a0)+
                addi.l  #$1000,d1
                dbra    d0,.ulib
                lea     PT_SUP_B,a0             ; supervisor: RAM 1:1 in 1 MiB pages
                moveq   #DT_PAGE,d1
                moveq   #15,d0
.ram:           move.l  d1,(a0)+
                addi.l  #$100000,d1
                dbra    d0,.ram
                move.l  #PT_SUP_B+DT_TABLE,PT_SUP_A
                move.l  #$FFF00000+PD_CI+DT_PAGE,PT_DEV_B+15*4  ; the device page 1:1
                move.l  #PT_DEV_B+DT_TABLE,PT_SUP_A+255*4
                lea     PT_FB_B,a0              ; the framebuffer 1:1 (4 MiB, cache-
                move.l  #$80000000+PD_CI+DT_PAGE,d1     ; inhibited), for fbcons.s
                moveq   #3,d0
.fb:            move.l  d1,(a0)+
                addi.l  #$100000,d1
                dbra    d0,.fb
                move.l  #PT_FB_B+DT_TABLE,PT_SUP_A+$80*4
                lea     PT_SRP,a0
                move.l  #DT_TABLE,(a0)
                move.l  #PT_SUP_A,4(a0)
                pmove   (a0),srp
                pmove   (a0),crp                ; (no user space yet)
                lea     mmu_tc(pc),a0
                pmove   (a0),tc                 ; on
                clr.l   nspaces
                rts
mmu_tc:         dc.l    MMU_TC

* mmu_space: a3 = a new TTE (UBASE/USIZE/USP set). TTE_AS <- its space's root pointer
* (address of the CRP value): a new space, or the one of an earlier thread of the
* same region (whose stack then moves 4 KiB down per sharer). Trashes d0-d2/a0-a2.
mmu_space:      move.l  TTE_ID(a3),d2           ; earlier threads of this region?
                movea.l #TTEBASE,a0
                bra.s   .s2
.s1:            move.l  TTE_UBASE(a0),d0
                cmp.l   TTE_UBASE(a3),d0
                bne.s   .s3
                move.l  TTE_AS(a0),TTE_AS(a3)   ; share it
                subi.l  #$1000,TTE_USP(a3)
.s3:            adda.l  #TTE_SIZE,a0
.s2:            dbra    d2,.s1
                tst.l   TTE_AS(a3)
                bne     .done
                move.l  nspaces,d0              ; a new space
                addq.l  #1,nspaces
                mulu.l  #$1000,d0
                addi.l  #PT_SPACES,d0
                movea.l d0,a2
                movea.l a2,a0
                move.w  #$A00/4-1,d0
.clr:           clr.l   (a0)+
                dbra    d0,.clr
                lea     SP_B(a2),a0             ; A[0] -> B: the first 16 MiB
                move.l  a0,d0
                addq.l  #DT_TABLE,d0
                move.l  d0,SP_A(a2)
                move.l  #PT_ULIB_C+DT_TABLE,SP_B(a2)    ; B[0]: ULIB (shared)
                move.l  #PT_DEV_B+DT_TABLE,SP_A+255*4(a2) ; the device page (shared)
                lea     SP_C(a2),a0             ; B[1]: $100000-$1FFFFF, the regions
                move.l  a0,d0
                addq.l  #DT_TABLE,d0
                move.l  d0,SP_B+4(a2)
                move.l  TTE_UBASE(a3),d1        ; the region's pages, read/write
                move.l  d1,d0
                sub.l   #USERBASE,d0
                lsr.l   #8,d0                   ; page index * 4 = offset >> 10
                lsr.l   #2,d0
                lea     (a0,d0.l),a0
                move.l  TTE_USIZE(a3),d2
                lsr.l   #8,d2
                lsr.l   #4,d2                   ; pages
                subq.l  #1,d2
                addq.l  #DT_PAGE,d1
.pg:            move.l  d1,(a0)+
                addi.l  #$1000,d1
                dbra    d2,.pg
                lea     SP_CRP(a2),a0
                move.l  #DT_TABLE,(a0)          ; no limit, 4-byte descriptors
                move.l  a2,4(a0)                ; the A table
                move.l  a0,TTE_AS(a3)
.done:          rts
