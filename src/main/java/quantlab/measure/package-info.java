/** Measuring claims about speed and memory: repeated timings with their spread, and verdicts as ratios against a baseline measured in the same run (lesson 08). */
package quantlab.measure;
