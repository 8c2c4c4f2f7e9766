* syscalls.s: a standalone kernel-call demo for system call tracing (no kernel needed).
* Installs its own TRAP #15 handler, drops to user mode and runs the shape of the
* Cassyopia copy program (Figure 1): open, creat, NCOPY x (read fd 3 4096, write fd 4
* count), close, close, exit. The handler does no work: it only returns what a file
* system would (open 3, creat 4, read/write the count asked, close 0).
* Calling convention as the kernel's: d2 = selector, d0/d1/a0 = arguments, d0 = result.
* Selectors are the file calls proposed for issue 7 (tools/cassyopia/abi/quamachine.abi).

HALT        equ     $FFFF0010
CONSOLE_TX  equ     $FFFF0000
NCOPY       equ     10              ; blocks "copied"
S_EXIT      equ     5
S_OPEN      equ     18
S_CREAT     equ     19
S_READ      equ     20
S_WRITE     equ     21
S_CLOSE     equ     22

            section text
            org     $1000

start:      move.l  #trap15,$BC         ; vector 47: TRAP #15
            lea     $8000,a0
            move.l  a0,usp
            move.w  #$0000,sr           ; user mode, all interrupts

            moveq   #S_OPEN,d2          ; open("src", 0)
            lea     src(pc),a0
            moveq   #0,d0
            trap    #15
            move.l  d0,d3
            moveq   #S_CREAT,d2         ; creat("dst", 0)
            lea     dst(pc),a0
            moveq   #0,d0
            trap    #15
            move.l  d0,d4
            move.w  #NCOPY-1,d5
.loop:      moveq   #S_READ,d2          ; n = read(3, buf, 4096)
            move.l  d3,d0
            lea     buf,a0
            move.l  #4096,d1
            trap    #15
            move.l  d0,d1               ; write(4, buf, n)
            moveq   #S_WRITE,d2
            move.l  d4,d0
            lea     buf,a0
            trap    #15
            dbra    d5,.loop
            moveq   #S_CLOSE,d2
            move.l  d3,d0
            trap    #15
            moveq   #S_CLOSE,d2
            move.l  d4,d0
            trap    #15
            lea     msg(pc),a0          ; say so (user code may touch the console here)
.say:       move.b  (a0)+,d0
            beq.s   .bye
            move.l  d0,CONSOLE_TX
            bra.s   .say
.bye:       moveq   #S_EXIT,d2
            moveq   #0,d0
            trap    #15

* The handler: dispatch on d2, return in d0.
trap15:     cmp.l   #S_READ,d2
            beq.s   .rw
            cmp.l   #S_WRITE,d2
            beq.s   .rw
            cmp.l   #S_OPEN,d2
            beq.s   .open
            cmp.l   #S_CREAT,d2
            beq.s   .creat
            cmp.l   #S_CLOSE,d2
            beq.s   .close
            cmp.l   #S_EXIT,d2
            beq.s   .exit
            moveq   #-1,d0
            rte
.rw:        move.l  d1,d0
            rte
.open:      moveq   #3,d0
            rte
.creat:     moveq   #4,d0
            rte
.close:     moveq   #0,d0
            rte
.exit:      move.l  d0,HALT
.hang:      bra.s   .hang

src:        dc.b    "src",0
dst:        dc.b    "dst",0
msg:        dc.b    "syscalls: done",10,0
            even

            section bss
buf:        ds.b    4096
