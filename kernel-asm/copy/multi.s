* copy/multi.s: Figure 1's copy unrolled once (the loop rotated) so that each write is
* adjacent to the next read, and the pair made one multi-call:
*     n = read(inp, buf, N);
*     while (n > 0) { write(out, buf, n); n = read(inp, buf, N); }   <- one crossing
* The list (write, read) is a program constant, as the list Cassyopia's compiler builds
* is. copy_init gives it to the kernel once, K_MULTI(MC_SYNTH + 2): the kernel checks it
* and synthesizes it into a kernel call of its own (docs/multicall.md), with buf and N
* as immediates, the fds taken from the caller's d3 and d4 (MC_D3 + r - 3) and write's
* count from the caller's d1 (MC_ARG). Each block is then one trap to that slot: half
* the crossings of copy/orig.s. A failing write stops the list before the read (the copy
* then stops, as the original would only later). copy/mcint.s is the same loop with the
* list interpreted by K_MULTI on every call instead.

* copy_init: synthesize the list; mc_slot <- its slot, or the error (every copy fails
* with it then). copy_fini: free the slot.
copy_init:      lea     mc_rw(pc),a0
                move.l  #MC_SYNTH+2,d0
                moveq   #K_MULTI,d2
                trap    #15
                move.l  d0,mc_slot
                rts
copy_fini:      move.l  mc_slot,d0
                bmi.s   .none
                moveq   #K_RMFN,d2
                trap    #15
.none:          rts

* copy: a0 = source name, a1 = destination name -> d0 = 0, or an error
copy:           movem.l d3-d5/a3,-(sp)
                move.l  mc_slot,d5              ; the multi-call's selector
                bmi.s   .nolist
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
                move.l  d3,d0                   ; n = read(inp, buf, N)
                lea     buf,a0
                move.l  #N,d1
                moveq   #K_READ,d2
                trap    #15
.loop:          tst.l   d0                      ; while (n > 0)
                ble.s   .done
                move.l  d0,d1                   ; write(out, buf, n); n = read(inp, buf, N)
                move.l  d5,d2                   ; (out = d4, inp = d3)
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
.out:           movem.l (sp)+,d3-d5/a3
                rts
.nolist:        move.l  d5,d0                   ; the synthesis failed: its error
                bra.s   .out

* The multi-call list (docs/multicall.md): write(out = d4, buf, n = the caller's d1),
* read(inp = d3, buf, N).
mc_rw:          dc.l    (K_FWRITE<<16)+(MC_ARG<<5)+MC_D3+1,0,0,buf,0
                dc.l    (K_READ<<16)+MC_D3,0,N,buf,0
mc_slot:        dc.l    -1
