* timer.s: the interval timer (level 6, autovectored: vector 30). There is no central
* tick handler: each thread's vector 30 is its own synthesized sw_out, which acks the
* tick and switches. This file only starts and stops the timer.

timer_start:    move.l  #TIMER_QUANTUM,TIMER_PERIOD
                move.l  #1,TIMER_CONTROL
                rts

timer_stop:     move.l  #0,TIMER_CONTROL
                move.l  #1,TIMER_ACK
                rts
