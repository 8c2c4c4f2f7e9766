* copy/loop.s: Figure 1's copy with the whole loop in the kernel: one looped multi-call
* (K_MLOOP) of read (MC_WHILE: go on while it returns > 0) and write, whose count is the
* read's result by reference. open, creat, K_MLOOP, close, close: five crossings per file
* up to 256 MiB (65536 passes of 4 KiB; a longer file calls K_MLOOP again).

* copy_init, copy_fini: nothing to set up or tear down (copy/main.s)
copy_init:
copy_fini:      rts

* copy: a0 = source name, a1 = destination name -> d0 = 0, or an error
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
                move.l  d3,mc_copy+4            ; read's fd
                move.l  d4,mc_copy+20+4         ; write's fd
.again:         lea     mc_copy(pc),a0          ; while ((n = read()) > 0) write(n)
                moveq   #2,d0
                move.l  #65536,d1               ; passes at most (MC_MAXITER)
                moveq   #K_MLOOP,d2
                trap    #15
                cmpi.l  #65536,d0               ; the bound ended it: more to copy
                beq.s   .again
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

* The looped list: n = read(inp, buf, N) while n > 0; write(out, buf, n = entry 0's result).
mc_copy:        dc.l    $80000000+(K_READ<<16),0,N,buf,0
                dc.l    (K_FWRITE<<16)+(1<<5),0,0,buf,0
