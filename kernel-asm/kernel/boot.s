* boot.s: the reset path. Owns the boot vector table (at 0), the supervisor stack, the
* caches (CACR), the order in which the services are started, the end of the run
* (all threads gone: report and HALT) and the kernel fault handler that kills a faulting
* user thread or stops the machine when the kernel itself faults.

                include "quamachine.i"

                section text
                org     $1000

start:          move.w  #SR_KERNEL,sr
                lea     KDATA,a0                ; kernel variables start at zero
                move.w  #$3000/4-1,d0
.clr:           clr.l   (a0)+
                dbra    d0,.clr
                move.l  sp,boot_ssp
                suba.l  a0,a0                   ; boot vector table at 0, VBR 0
                bsr     vec_init
                moveq   #0,d0
                movec   d0,vbr
                move.l  #CACR_CI,d0             ; caches on (I-cache empty), burst fills
                movec   d0,cacr
                moveq   #1,d0                   ; moves reaches user data: the caches
                movec   d0,sfc                  ; are tagged by function code, so the
                movec   d0,dfc                  ; kernel reads user memory as the user
                bsr     kpt_init
                bsr     syn_init
                bsr     fbc_init                ; the console on the screen (fbcons.s)
                lea     banner(pc),a0
                bsr     kputs
                ifd     FS_HOOK                 ; images with files (kernel/fshook.s):
                bsr     fs_kpt                  ; the file calls, and the disk mounted
                bsr     fs_init                 ; before any thread exists
                endif
                bsr     mmu_init
                ifd     SOUND_HOOK              ; the Sound-IO driver (kernel/sound.s)
                bsr     snd_init
                endif
                bsr     threads_boot            ; TTEs, their synthesized switch code, the ring
                ifd     SOUND_HOOK
                ifnd    KBENCH_HOOK             ; (the bench measures the bare sw_out)
                bsr     snd_gates
                endif
                endif
                ifd     KBENCH_HOOK             ; the benchmark image (kernel/kbenchhook.s)
                bsr     kbench_boot
                endif
                bsr     syn_report
                lea     go_msg(pc),a0
                bsr     kputs
                bsr     timer_start
                movea.l current,a0              ; into the first thread: sw_in(_mmu)
                moveq   #0,d0                   ; loads its address space, stack and
                bra     enter_thread            ; registers, and does rte into user mode

* all_done: the last thread has exited (interrupts masked). Report and halt.
all_done:       bsr     timer_stop
                move.l  boot_ssp,sp
                moveq   #0,d0
                movec   d0,vbr
                move.l  #1,FPU_ENABLE
                lea     done_msg(pc),a0
                bsr     kputs
                bsr     syn_report              ; routines made while the threads ran
                bsr     thread_stats
                ifd     FS_HOOK
                bsr     disk_report
                endif
                lea     m_fline(pc),a0
                bsr     kputs
                move.l  fline_total,d0
                bsr     kputdec
                lea     m_fpsave(pc),a0
                bsr     kputs
                move.l  fpsave_total,d0
                bsr     kputdec
                lea     m_killed(pc),a0
                bsr     kputs
                move.l  kill_count,d0
                bsr     kputdec
                moveq   #10,d0
                bsr     kputc
                move.l  #0,HALT
.hang:          bra.s   .hang

* k_fault: every vector nobody else owns. A fault from user mode kills that thread (the
* kernel and the other threads go on); a fault in supervisor mode is a kernel bug.
k_fault:        ori.w   #$0700,sr
                btst    #5,(sp)                 ; S bit of the stacked SR
                bne.s   k_panic
                movea.l current,a3
                addq.l  #1,kill_count
                lea     m_kill1(pc),a0
                bsr     kputs
                move.l  TTE_ID(a3),d0
                bsr     kputdec
                moveq   #' ',d0
                bsr     kputc
                movea.l TTE_NAME(a3),a0
                bsr     kputs
                lea     m_kill2(pc),a0
                bsr     kputs
                move.w  6(sp),d0                ; format/vector word
                andi.l  #$0FFF,d0
                lsr.l   #2,d0
                bsr     kputdec
                lea     m_kill3(pc),a0
                bsr     kputs
                move.l  2(sp),d0
                bsr     kputhex
                moveq   #10,d0
                bsr     kputc
                bra     thread_exit             ; a3 = the victim

k_panic:        lea     m_panic(pc),a0
                bsr     kputs
                move.w  6(sp),d0
                andi.l  #$0FFF,d0
                lsr.l   #2,d0
                bsr     kputdec
                lea     m_kill3(pc),a0
                bsr     kputs
                move.l  2(sp),d0
                bsr     kputhex
                moveq   #10,d0
                bsr     kputc
                move.l  #99,HALT
.hang:          bra.s   .hang

k_rte:          rte                             ; spurious and unused autovectors

* vec_init: fill the vector table at a0 with the kernel's handlers. Per-thread entries
* (the timer's, cached traps) are set by the caller. Trashes d0/a1.
vec_init:       movem.l d1-d7/a2,-(sp)          ; (a thread create's largest part: 256
                move.l  #k_fault,d1             ; stores, 32 bytes a movem)
                move.l  d1,d2
                move.l  d1,d3
                move.l  d1,d4
                move.l  d1,d5
                move.l  d1,d6
                move.l  d1,d7
                movea.l d1,a2
                movea.l a0,a1
                moveq   #256/8-1,d0
.fill:          movem.l d1-d7/a2,(a1)
                lea     32(a1),a1
                dbra    d0,.fill
                movem.l (sp)+,d1-d7/a2
                move.l  #fline,11*4(a0)         ; lazy FP
                move.l  #k_rte,32*4(a0)         ; trap 0: the null trap (measurements)
                move.l  #k_rte,24*4(a0)         ; spurious interrupt
                move.l  #k_rte,26*4(a0)         ; console input (not enabled)
                move.l  #k_rte,30*4(a0)         ; timer: each thread's own sw_out
                ifd     SOUND_HOOK
                move.l  #snd_handler,29*4(a0)   ; Sound-IO: the synthesized handler
                endif
                move.l  #con_trap1,33*4(a0)     ; trap 1: console output
                move.l  #con_trap2,34*4(a0)     ; trap 2: console input
                ifd     FS_HOOK
                move.l  #disk_irq,27*4(a0)      ; level 3: the disk's completion
                endif
                lea     35*4(a0),a1             ; traps 3..15: the general dispatcher
                moveq   #12,d0                  ; (an unassigned cached trap falls back
.traps:         move.l  #trap15,(a1)+           ; to it: the stub still loads d2)
                dbra    d0,.traps
                rts

banner:         dc.b    "Synthesis kernel on the Quamachine: booting",10,0
go_msg:         dc.b    "kernel: starting threads",10,0
done_msg:       dc.b    "kernel: all threads done",10,0
m_fline:        dc.b    "kernel: F-line traps ",0
m_fpsave:       dc.b    ", FP context saves ",0
m_killed:       dc.b    ", threads killed ",0
m_kill1:        dc.b    "kernel: killed thread ",0
m_kill2:        dc.b    ": vector ",0
m_kill3:        dc.b    " at $",0
m_panic:        dc.b    "kernel panic: vector ",0
                even
