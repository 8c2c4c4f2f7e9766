* kbench.s: the benchmark image's kernel side, called once from boot.s (kbench_boot,
* when kernel/kbenchhook.s is first in the image) after the boot threads exist:
*  - every thread gets the Unix-style system call (unixcall.s) on trap #13;
*  - the threads listed in the image's kb_full table get the full-save context switch
*    (fullswitch.s) as their timer vector instead of their synthesized sw_out;
*  - thread creation is measured (Table 5.2): two threads with entry kb_victim are
*    created in the first thread's address space: region 91 with the I-cache cleared
*    just before (cold), then region 41 right after (warm);
*  - with the Sound-IO driver in the image (kernel/soundhook.s), Table 3.4: the
*    synthesized handler against the baselines (kernel/sndbench.s, regions 140-149/190-199).
* Region ids follow bench/bench.s: warm N, cold N+50.

kbench_boot:    movem.l d0-d7/a0-a6,-(sp)
                movea.l #TTEBASE,a0             ; trap #13 in every thread's vectors
                move.l  nthreads,d0
                bra.s   .v2
.v1:            move.l  #unix_trap,(32+UNIX_TRAP)*4(a0)
                bset    #UNIX_TRAP-8,TTE_TRAPS+2(a0)    ; K_CACHE must not take it
                adda.l  #TTE_SIZE,a0
.v2:            dbra    d0,.v1
                lea     kb_full,a1              ; the conventional switch
.f1:            move.l  (a1)+,d0
                bmi.s   .f2
                mulu.l  #TTE_SIZE,d0
                addi.l  #TTEBASE,d0
                movea.l d0,a0
                move.l  #full_switch,30*4(a0)
                bra.s   .f1
.f2:            move.l  #CACR_CI,d0             ; cold: the I-cache cleared
                movec   d0,cacr
                move.l  #91,PROBE_START
                bsr.s   kb_create
                move.l  #91,PROBE_STOP
                move.l  #41,PROBE_START         ; warm: right after
                bsr.s   kb_create
                move.l  #41,PROBE_STOP
                ifd     SOUND_HOOK              ; Table 3.4 (kernel/sndbench.s)
                bsr     snd_bench
                endif
                movem.l (sp)+,d0-d7/a0-a6
                rts

* kb_create: one thread at kb_victim, in the first thread's region and address space
* (its stack 4 KiB below the previous sharer's), joining the ring.
kb_create:      movea.l kb_victim,a0
                movea.l #TTEBASE,a1
                movea.l TTE_NAME(a1),a2
                move.l  TTE_USIZE(a1),d1
                movea.l TTE_UBASE(a1),a1
                bra     thread_create
