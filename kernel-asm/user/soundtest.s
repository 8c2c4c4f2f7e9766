* soundtest.s: the Sound-IO driver against callers that get it wrong (image ksound,
* tests/sound.rs). reader: a buffer outside its region and a wrong length are refused
* (-1); a good read blocks until CD-IN has a block, then returns it; a speaker write
* returns its length; K_SNDCTL 0 turns both channels off (the handler is rewritten for
* the empty set). second: tries to read the cd while the reader waits on it and is
* refused (-1: one waiter per device). Each prints what it got; the kernel then halts.

user_threads:   dc.l    reader,USERBASE,n_reader
                dc.l    second,USERBASE+USERSIZE,n_second
                dc.l    0
n_reader:       dc.b    "reader",0
n_second:       dc.b    "second",0
                even

RBUF            equ     USERBASE+$8000
SBUF            equ     USERBASE+USERSIZE+$8000

                org     USERBASE
reader:         lea     $200000,a0              ; not in this region
                move.l  #SND_BLOCK,d1
                moveq   #K_CDREAD,d2
                trap    #15
                lea     m_out(pc),a0
                jsr     u_line
                lea     RBUF,a0                 ; a wrong length
                moveq   #16,d1
                moveq   #K_CDREAD,d2
                trap    #15
                lea     m_len(pc),a0
                jsr     u_line
                moveq   #0,d3                   ; calls until a block came
.again:         addq.l  #1,d3
                lea     RBUF,a0
                move.l  #SND_BLOCK,d1
                moveq   #K_CDREAD,d2
                trap    #15
                tst.l   d0
                beq.s   .again
                lea     m_read(pc),a0
                jsr     u_line
                move.l  d3,d0
                lea     m_calls(pc),a0
                jsr     u_line
                lea     RBUF,a0
                move.l  #SND_BLOCK,d1
                moveq   #K_SPKWRITE,d2
                trap    #15
                lea     m_write(pc),a0
                jsr     u_line
                moveq   #0,d0
                moveq   #K_SNDCTL,d2
                trap    #15
                lea     m_off(pc),a0
                jsr     u_line
                jsr     u_exit
m_out:          dc.b    "reader: buffer outside the region: ",0
m_len:          dc.b    "reader: wrong length: ",0
m_read:         dc.b    "reader: read ",0
m_calls:        dc.b    "reader: calls until a block: ",0
m_write:        dc.b    "reader: speaker write ",0
m_off:          dc.b    "reader: channels off: ",0
                even

                org     USERBASE+USERSIZE
second:         move.l  #50000,d0               ; let the reader block first: its two
                                                ; refused calls and their console lines
                                                ; (the framebuffer console, ~20000 clocks
                                                ; a line) take more than a time slice
                jsr     u_spin
                lea     SBUF,a0
                move.l  #SND_BLOCK,d1
                moveq   #K_CDREAD,d2
                trap    #15
                lea     m_busy(pc),a0
                jsr     u_line
                jsr     u_exit
m_busy:         dc.b    "second: read while the reader waits: ",0
                even
