* unixcall.s: the conventional baseline of Table 3.5, a Unix-style system call path on
* trap #13 (installed in every thread's vector table by kbench_boot). General dispatch as a
* Unix kernel does it: save every user register in a trap frame (the entry cannot know
* what a call needs), look the call number up in a sysent table (argument count and
* handler), copy the arguments in from the user stack, call the handler through the
* table, store the result in the saved d0, then on the way out look for pending signals
* and a reschedule request (the "AST" checks) before restoring everything.
* User side: d0 = call number, arguments on the user stack; result in d0.

UNIX_TRAP       equ     13
SYS_GETPID      equ     20
NSYSENT         equ     21
UNIX_ARGMAX     equ     8

unix_trap:      movem.l d0-d7/a0-a6,-(sp)       ; the trap frame: every register
                move.l  usp,a0
                move.l  a0,-(sp)                ; and the user stack pointer
                movea.l current,a5              ; "u": the current process
                move.l  4(sp),d0                ; the saved d0: call number
                cmp.l   #NSYSENT,d0
                bhs.s   .nosys
                lea     sysent,a1
                move.l  (a1,d0.l*8),d1          ; argument count
                movea.l 4(a1,d0.l*8),a2         ; handler
                lea     -UNIX_ARGMAX*4(sp),sp   ; u.u_arg
                movea.l sp,a3
                movea.l UNIX_ARGMAX*4(sp),a0    ; the saved usp
                addq.l  #4,a0                   ; past the library's return address
                bra.s   .cnt
.copy:          moves.l (a0)+,d2                ; copyin, through the user's space
                move.l  d2,(a3)+
.cnt:           dbra    d1,.copy
                movea.l sp,a0                   ; the handler gets u.u_arg
                jsr     (a2)
                lea     UNIX_ARGMAX*4(sp),sp
                move.l  d0,4(sp)                ; the result into the saved d0
.ret:           tst.l   unix_sigpend            ; signals to deliver?
                bne.s   .sig
.resched:       tst.l   unix_runrun             ; a reschedule asked for?
                bne.s   .sched
.out:           movea.l (sp)+,a0
                move.l  a0,usp
                movem.l (sp)+,d0-d7/a0-a6
                rte
.nosys:         moveq   #-1,d0
                move.l  d0,4(sp)
                bra.s   .ret
.sig:           clr.l   unix_sigpend            ; (none are ever posted here)
                bra.s   .resched
.sched:         clr.l   unix_runrun
                bra.s   .out

* sysent: argument count, handler. Only getpid is implemented; the rest are ENOSYS.
sysent:         rept    SYS_GETPID
                dc.l    0,sys_nosys
                endr
                dc.l    0,sys_getpid

sys_nosys:      moveq   #-1,d0
                rts
* getpid: u.u_procp->p_pid.
sys_getpid:     move.l  TTE_ID(a5),d0
                rts

unix_sigpend    equ     KDATA+$2F00     ; kernel words of this path (KDATA is cleared at boot)
unix_runrun     equ     KDATA+$2F04
