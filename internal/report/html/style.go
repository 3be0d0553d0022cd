package html

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/malarbete/malarbete/internal/document"
)

// colour is an sRGB colour.
type colour [3]float64

func hexColour(s string) (colour, bool) {
	if len(s) != 7 || s[0] != '#' {
		return colour{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return colour{}, false
	}
	return colour{float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)}, true
}

func (c colour) String() string {
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0])), int(math.Round(c[1])), int(math.Round(c[2])))
}

// towards returns c moved towards d by t (0: c, 1: d).
func (c colour) towards(d colour, t float64) colour {
	return colour{c[0] + (d[0]-c[0])*t, c[1] + (d[1]-c[1])*t, c[2] + (d[2]-c[2])*t}
}

// ratio is WCAG 2's contrast ratio of c and d.
func (c colour) ratio(d colour) float64 {
	lum := func(c colour) float64 {
		l := 0.0
		for i, w := range []float64{0.2126, 0.7152, 0.0722} {
			s := c[i] / 255
			if s <= 0.03928 {
				s /= 12.92
			} else {
				s = math.Pow((s+0.055)/1.055, 2.4)
			}
			l += w * s
		}
		return l
	}
	a, b := lum(c)+0.05, lum(d)+0.05
	return math.Max(a, b) / math.Min(a, b)
}

var (
	white    = colour{255, 255, 255}
	black    = colour{0, 0, 0}
	textCol  = colour{33, 33, 33}
	mutedCol = colour{84, 84, 84}
	zebraCol = colour{244, 246, 249}
)

// theme holds the page's colours made from the document's accent.
type theme struct {
	accent, light, head, box colour
}

// defaultAccent is a calm municipal blue, used when the document names
// none.
const defaultAccent = "#1F4E79"

// newTheme darkens the accent until text in it reads at 4.5:1 on the
// page's lightest grey, so on white too, and white text on it as well.
func newTheme(accent string) theme {
	a, ok := hexColour(accent)
	if !ok {
		a, _ = hexColour(defaultAccent)
	}
	for i := 0; i < 40 && a.ratio(zebraCol) < 4.6; i++ {
		a = a.towards(black, 0.08)
	}
	return theme{accent: a, light: a.towards(white, 0.55), head: a.towards(white, 0.87), box: a.towards(white, 0.92)}
}

// tones are the statuses' colours, from Okabe and Ito's palette, which
// people with the common colour vision deficiencies tell apart; each has
// a shape of its own too (markerSymbols).
var tones = map[document.Tone]struct {
	name string
	fill colour
}{
	document.ToneGood:   {"good", colour{0, 158, 115}},
	document.ToneDone:   {"done", colour{0, 114, 178}},
	document.ToneWarn:   {"warn", colour{230, 159, 0}},
	document.ToneBad:    {"bad", colour{213, 94, 0}},
	document.ToneAccent: {"start", colour{86, 180, 233}},
	document.ToneMuted:  {"none", colour{170, 170, 170}},
}

func toneName(t document.Tone) string { return tones[t].name }

// toneFill is a tone's colour; neutral is the rule grey.
func toneFill(t document.Tone) colour {
	if tn, ok := tones[t]; ok {
		return tn.fill
	}
	return colour{190, 196, 204}
}

// textOn is black or white, whichever reads better on fill.
func textOn(fill colour) colour {
	if black.ratio(fill) >= white.ratio(fill) {
		return black
	}
	return white
}

// markerSymbols defines each status's shape once, filled in its colour
// with a dark outline, for the markers to use.
var markerSymbols = func() string {
	shapes := map[string]string{
		"good":  `<circle cx="6" cy="6" r="5"/>`,
		"done":  `<path d="M6 .6 11.4 6 6 11.4 .6 6z"/>`,
		"warn":  `<path d="M6 .8 11.4 10.8H.6z"/>`,
		"bad":   `<rect x="1.2" y="1.2" width="9.6" height="9.6"/>`,
		"start": `<circle cx="6" cy="6" r="5"/><circle cx="6" cy="6" r="2.2" fill="#fff"/>`,
		"none":  `<rect x=".6" y="4.2" width="10.8" height="3.6"/>`,
	}
	var b strings.Builder
	b.WriteString(`<svg class="defs" aria-hidden="true" focusable="false"><defs>`)
	for _, t := range []document.Tone{document.ToneGood, document.ToneDone, document.ToneWarn, document.ToneBad, document.ToneAccent, document.ToneMuted} {
		tn := tones[t]
		b.WriteString(`<symbol id="m-` + tn.name + `" viewBox="0 0 12 12"><g fill="` + tn.fill.String() + `" stroke="#212121" stroke-width="1">` + shapes[tn.name] + `</g></symbol>`)
	}
	b.WriteString("</defs></svg>\n")
	return b.String()
}()

// css is the page's style sheet: one column that fits a phone and a
// desktop, and print rules.
func (th theme) css() string {
	var b strings.Builder
	fmt.Fprintf(&b, ":root{--accent:%s;--light:%s;--head:%s;--box:%s;--text:%s;--muted:%s;--zebra:%s;--rule:#bec4cc}\n",
		th.accent, th.light, th.head, th.box, textCol, mutedCol, zebraCol)
	for _, t := range []document.Tone{document.ToneGood, document.ToneDone, document.ToneWarn, document.ToneBad, document.ToneAccent, document.ToneMuted} {
		fmt.Fprintf(&b, ".tone-%s{--tone:%s}\n", tones[t].name, tones[t].fill)
	}
	b.WriteString(styleSheet)
	return b.String()
}

const styleSheet = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Liberation Sans",Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:var(--text);background:#fff}
.front,nav,main,footer{max-width:52rem;margin:0 auto;padding:0 1.25rem}
.front{border-top:.8rem solid var(--accent);padding-top:2rem;padding-bottom:1rem}
.logo{display:block;max-width:14rem;max-height:6rem;margin-bottom:1.5rem}
.org{font-size:1.3rem;color:var(--muted);margin:0}
h1{font-size:2.3rem;line-height:1.15;color:var(--accent);margin:.6rem 0 .4rem}
h2{font-size:1.6rem;line-height:1.2;color:var(--accent);margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:.15rem solid var(--light)}
h3{font-size:1.25rem;line-height:1.25;color:var(--accent);margin:1.6rem 0 .5rem}
h4{font-size:1.08rem;margin:1.3rem 0 .4rem}
h5,h6{font-size:1rem;margin:1.1rem 0 .3rem}
.no{margin-right:.4em}
.subtitle{font-size:1.2rem;margin:.2rem 0 1rem}
.line{margin:.2rem 0}
.lead{font-size:1.1rem}
.note{font-size:.95rem;font-style:italic;color:var(--muted)}
blockquote{margin:1rem 0;padding:.2rem 0 .2rem 1rem;border-left:.3rem solid var(--light);font-size:1.15rem;font-style:italic;color:var(--accent)}
a{color:var(--accent)}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-100vw;top:.5rem;padding:.5rem 1rem;background:#fff;color:var(--accent);font-weight:bold;z-index:1}
.skip:focus{left:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
nav ol{list-style:none;margin:0;padding:0}
nav>ol>li{margin:.5rem 0;font-weight:bold}
nav ol ol{padding-left:1.6rem;font-weight:normal}
nav ol ol li{margin:.15rem 0}
.table-wrap{overflow-x:auto;margin:1rem 0 1.4rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{caption-side:bottom;text-align:left;font-size:.9rem;font-style:italic;color:var(--muted);padding-top:.4rem}
th,td{padding:.35rem .5rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--rule)}
thead th{background:var(--head);border-bottom:2px solid var(--accent)}
tbody tr:nth-child(even){background:var(--zebra)}
.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total{font-weight:bold;border-top:2px solid var(--accent)}
.card{margin:1rem 0;padding:.8rem 1rem;background:var(--zebra);border-left:.35rem solid var(--tone,var(--light))}
.card-title{margin:0 0 .5rem;font-weight:bold;color:var(--accent)}
dl.kv{display:grid;grid-template-columns:minmax(6rem,11rem) 1fr;gap:.3rem 1rem;margin:0}
dl.kv>div{display:contents}
dt{font-weight:bold;font-size:.92rem;color:var(--muted)}
dd{margin:0}
.mark{width:.85em;height:.85em;margin-right:.35em;vertical-align:-.08em}
.defs{position:absolute;width:0;height:0;overflow:hidden}
.figures-title{font-weight:bold;margin:1.4rem 0 .5rem}
ul.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.8rem;list-style:none;margin:0 0 1rem;padding:0}
ul.figures li{padding:.6rem .8rem;background:var(--zebra);border-top:.2rem solid var(--accent)}
.figure-value{display:block;font-size:1.7rem;font-weight:bold;line-height:1.2;color:var(--accent)}
.figure-label{display:block}
.figure-detail{display:block;font-size:.9rem;font-style:italic;color:var(--muted)}
figure{margin:1rem 0 1.4rem}
.figure-wrap{overflow-x:auto}
figure svg.chart{display:block;width:100%;min-width:34rem;height:auto}
details{margin:.4rem 0}
summary{cursor:pointer;color:var(--accent)}
footer{margin-top:3rem;padding-top:.5rem;padding-bottom:2rem;border-top:.2rem solid var(--accent)}
footer h2{border:0;margin-top:1rem}
.pb{display:none}
@media (max-width:40rem){
body{font-size:1.02rem}
h1{font-size:1.8rem}
h2{font-size:1.4rem}
dl.kv{grid-template-columns:1fr;gap:0}
dd{margin-bottom:.5rem}
}
@media print{
body{font-size:10.5pt}
.front,nav,main,footer{max-width:none;padding:0}
.skip,details{display:none}
.front{border-top-width:.4rem}
nav,section.chapter,footer{break-before:page}
.pb{display:block;break-after:page}
h2,h3,h4{break-after:avoid}
.card,tr,figure,ul.figures li{break-inside:avoid}
thead{display:table-header-group}
.table-wrap,.figure-wrap{overflow:visible}
figure svg.chart{min-width:0}
a{color:inherit;text-decoration:none}
}
`
