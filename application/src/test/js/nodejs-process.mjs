// Well-behaved and badly behaved scripts for NodeJsTest (the test-support process runner):
//   hang            -> prints "started", then "tick <n>" every 100 ms and never exits
//   lines <count>   -> prints "line 0" .. "line <count-1>" at once and exits 0
//   fail <code>     -> prints "about to fail" and exits with <code>
const [mode, arg] = process.argv.slice(2)
if (mode === 'hang') {
  console.log('started')
  let n = 0
  setInterval(() => console.log(`tick ${n++}`), 100)
} else if (mode === 'lines') {
  const count = Number(arg)
  console.log(Array.from({ length: count }, (_, i) => `line ${i}`).join('\n'))
} else if (mode === 'fail') {
  console.log('about to fail')
  process.exitCode = Number(arg)
} else {
  console.error(`unknown mode ${mode}`)
  process.exitCode = 2
}
