* copy/orig.s: the copy program of Cassyopia's Figure 1 as a compiler would emit it:
*     inp = open(src, O_RDONLY); out = creat(dst, 0666);
*     while ((n = read(inp, buf, N)) > 0) write(out, buf, n);
*     close(inp); close(out);
* Every kernel call is its own crossing (moveq #K,d2; trap #15). `quamachine cluster`
* rewrites this file into copy/mcint.s's shape (tests/cassyopia_copy.rs).

* copy_init, copy_fini: nothing to set up or tear down (copy/main.s)
copy_init:
copy_fini:      rts

* copy: a0 = source name, a1 = destination name -> d0 = 0, or the open/creat error
copy:           movem.l d3-d4/a3,-(sp)
                movea.l a1,a3
                moveq   #0,d0                   ; inp = open(src, O_RDONLY)
                moveq   #K_OPEN,d2
                trap    #15
                move.l  d0,d3
                bmi.s   .out
                movea.l a3,a0                   ; out = creat(dst, 0666)
                move.l  #$1B6,d0
                moveq   #K_CREAT,d2
                trap    #15
                move.l  d0,d4
                bmi.s   .closein
.loop:          move.l  d3,d0                   ; n = read(inp, buf, N)
                lea     buf,a0
                move.l  #N,d1
                moveq   #K_READ,d2
                trap    #15
                tst.l   d0                      ; while (n > 0)
                ble.s   .done
                move.l  d0,d1                   ; write(out, buf, n)
                move.l  d4,d0
                lea     buf,a0
                moveq   #K_FWRITE,d2
                trap    #15
                bra.s   .loop
.done:          move.l  d4,d0                   ; close(out)
                moveq   #K_CLOSE,d2
                trap    #15
.closein:       move.l  d3,d0                   ; close(inp)
                moveq   #K_CLOSE,d2
                trap    #15
                moveq   #0,d0
                cmp.l   d0,d4
                bpl.s   .out
                move.l  d4,d0                   ; creat's error
.out:           movem.l (sp)+,d3-d4/a3
                rts
