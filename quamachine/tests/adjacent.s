* adj.s: ten passes of two adjacent kernel calls in a dbra loop (no `bra` closes it, so
* the loop is not rotated; the pair itself is adjacent).
user_threads:   dc.l    main,USERBASE,n_main
                dc.l    0
n_main:         dc.b    "adj",0
                even
                org     USERBASE
main:           moveq   #9,d7
                moveq   #0,d6
loop:           moveq   #'.',d0
                moveq   #K_PUTC,d2
                trap    #15
                moveq   #K_GETID,d2
                trap    #15
                add.l   d0,d6
                dbra    d7,loop
                move.l  d6,d0
                lea     m(pc),a0
                jsr     u_line
                jsr     u_exit
m:              dc.b    " ids: ",0
                even
