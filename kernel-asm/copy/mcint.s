* copy/mcint.s: Figure 1's copy unrolled once (the loop rotated) so that each write is
* adjacent to the next read, and the pair made one multi-call (K_MULTI):
*     n = read(inp, buf, N);
*     while (n > 0) { write(out, buf, n); n = read(inp, buf, N); }   <- one crossing
* Half the crossings of copy/orig.s. A failing write stops the list before the read (the
* copy then stops, as the original would only later).

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
                move.l  d4,mc_rw+4              ; the list's fds: loop invariants
                move.l  d3,mc_rw+20+4
                move.l  d3,d0                   ; n = read(inp, buf, N)
                lea     buf,a0
                move.l  #N,d1
                moveq   #K_READ,d2
                trap    #15
.loop:          tst.l   d0                      ; while (n > 0)
                ble.s   .done
                move.l  d0,mc_rw+8              ; write's count = n
                lea     mc_rw(pc),a0            ; write(out, buf, n); n = read(inp, buf, N)
                moveq   #2,d0
                moveq   #K_MULTI,d2
                trap    #15
                tst.l   d0                      ; both ran: n = the read's result (d1)
                bmi.s   .done                   ; one failed: stop
                move.l  d1,d0
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

* The multi-call list (docs/multicall.md): write(out, buf, n), read(inp, buf, N).
mc_rw:          dc.l    K_FWRITE<<16,0,0,buf,0
                dc.l    K_READ<<16,0,N,buf,0
