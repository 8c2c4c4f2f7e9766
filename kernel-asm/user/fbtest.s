* fbtest.s: the framebuffer console's test program (image kfbcons, tests/fbcons.rs).
* One thread prints a known line through K_WRITE, characters through trap 1, a line
* longer than the screen (it wraps), a tab and a carriage return, then 86 numbered lines
* so that the screen scrolls, and exits; the kernel reports and halts.

user_threads:   dc.l    fbt,USERBASE,n_fbt
                dc.l    0
n_fbt:          dc.b    "fbtest",0
                even

                org     USERBASE
fbt:            lea     t_known(pc),a0
                jsr     u_puts
                lea     t_trap(pc),a3           ; the same through trap 1, one by one
.t1:            moveq   #0,d0
                move.b  (a3)+,d0
                beq.s   .t2
                trap    #1
                bra.s   .t1
.t2:            lea     t_long(pc),a0
                jsr     u_puts
                moveq   #1,d7
.line:          lea     t_line(pc),a0
                move.l  d7,d0
                jsr     u_line
                addq.l  #1,d7
                cmp.l   #86,d7
                bls.s   .line
                jsr     u_exit

t_known:        dc.b    "fbcons: The quick brown fox jumps over the lazy dog. 0123456789 ~{|}",10,0
t_trap:         dc.b    "trap 1: carriage",13,"C",9,"tab",9,"and bytes above 127: ",200,255,10,0
t_long:         dc.b    "wrap: 0123456789012345678901234567890123456789012345678901234567890123456789"
                dc.b    "0123456789012345678901234567890123456789012345678901234567890123456789 end",10,0
t_line:         dc.b    "scroll line ",0
                even
