* copy/main.s: the driver of the copy programs of Cassyopia's Figure 1 (Table 2). One
* thread copies each source file of `pairs` that the disk holds to its destination with
* `copy` (a0 = source name, a1 = destination name), the routine each version defines
* (copy/orig.s, copy/multi.s, copy/loop.s, copy/mcint.s), and prints the clocks it took, read from
* K_CLOCK just before and just after (the bench counts the kernel crossings between those
* two clock calls in the --trace-syscalls trace). A source the disk lacks is skipped.
* copy_init and copy_fini run once, before the first copy and after the last: the
* multi-call version synthesizes its list there (a program constant, as the paper's
* compiler-built list is); the others have nothing to do.

N               equ     4096                    ; block size of the copy

user_threads:   dc.l    main,USERBASE,n_main
                dc.l    0
n_main:         dc.b    "copy",0
                even

                org     USERBASE
main:           jsr     copy_init               ; the version's set-up, once (multi.s)
                lea     pairs(pc),a3
m_next:          tst.b   (a3)
                beq.s   m_end
                jsr     u_clock
                move.l  d0,d6
                movea.l a3,a0                   ; source
                lea     12(a3),a1               ; destination
                bsr     copy
                move.l  d0,d5                   ; 0, or an error
                jsr     u_clock
                sub.l   d6,d0
                move.l  d0,d6
                cmpi.l  #E_NOENT,d5
                beq.s   m_skip
                movea.l a3,a0
                jsr     u_puts
                move.l  d5,d0
                say     " status: "
                movea.l a3,a0
                jsr     u_puts
                move.l  d6,d0
                say     " clocks: "
m_skip:          lea     24(a3),a3
                bra.s   m_next
m_end:           jsr     copy_fini
                jsr     u_exit

pairs:          dc.b    "f80k",0,0,0,0,0,0,0,0, "c80k",0,0,0,0,0,0,0,0
                dc.b    "f925k",0,0,0,0,0,0,0, "c925k",0,0,0,0,0,0,0
                dc.b    "f2280k",0,0,0,0,0,0, "c2280k",0,0,0,0,0,0
                dc.b    0
                even
buf:            ds.b    N                       ; the copy's buffer
