package analyze

// Rapport's additions to the VADER lexicon. Values are on VADER's -4..+4
// scale and were set by hand from the words' ordinary meaning in reviews and
// social posts (not fitted to any evaluation data). They cover slang that
// post-dates the 2014 lexicon and the everyday vocabulary of food, drink and
// shop reviews that VADER leaves neutral.
func supplementLexicon() map[string]float64 {
	return map[string]float64{
		// slang
		"mid": -1.2, "lit": 2.0, "slaps": 2.2, "slay": 1.8, "slayed": 1.8, "bussin": 2.5,
		"goated": 2.5, "banger": 2.2, "bangers": 2.2, "cringe": -1.5, "cringey": -1.5,
		"sus": -1.0, "yikes": -1.2, "oof": -1.0, "eww": -1.8, "ew": -1.5, "yuck": -2.0,
		"yuk": -2.0, "rubbish": -2.0, "trash": -2.0, "garbage": -2.2, "naff": -1.5,
		"gutted": -2.0, "chuffed": 2.3, "lush": 2.0, "brill": 2.2, "amazeballs": 2.8,
		"faff": -1.0, "shambles": -2.2, "shambolic": -2.3, "atrocious": -3.0,
		"legend": 2.0, "legends": 2.0, "gem": 1.8, "delish": 2.5, "yum": 2.2,
		"moreish": 2.0, "luv": 2.5, "stellar": 2.6, "phenomenal": 3.0, "impeccable": 2.8,
		"underwhelming": -1.5, "underwhelmed": -1.5, "mediocre": -1.4,
		// food, drink and service
		"tasty": 2.2, "cosy": 1.8, "cozy": 1.8, "cosiest": 2.0, "coziest": 2.0,
		"overpriced": -2.0, "pricey": -0.8, "ripoff": -2.5, "rip-off": -2.5,
		"stale": -1.8, "burnt": -1.5, "soggy": -1.5, "lukewarm": -1.2, "watery": -1.5,
		"bland": -1.5, "tasteless": -2.0, "flavourless": -1.8, "flavorless": -1.8,
		"undrinkable": -2.8, "inedible": -2.8, "filthy": -2.5, "unhelpful": -1.8,
		"understaffed": -1.2, "unreliable": -1.8, "overcharged": -2.2, "cramped": -1.2,
		"nightmare": -2.5, "nightmares": -2.3, "decent": 1.2, "smooth": 1.2, "smoothest": 1.5,
		"magic": 1.8,
	}
}

// emojiValence gives common emoji a valence directly. VADER instead turns an
// emoji into its CLDR name and scores the words, which misreads many of them
// ("face with tears of joy" counts "tears"; "fire" is negative; "hot
// beverage" is neutral) and misses a heart followed by U+FE0F. Values are set
// by hand on VADER's scale.
var emojiValence = map[rune]float64{
	'😀': 2.0, '😃': 2.2, '😄': 2.3, '😁': 2.2, '😆': 2.2, '😅': 1.0, '🤣': 2.3,
	'😂': 2.0, '🙂': 1.3, '🙃': -0.3, '😉': 1.3, '😊': 2.3, '😇': 2.0, '🥰': 3.0,
	'😍': 3.0, '🤩': 3.0, '😘': 2.5, '😗': 1.5, '☺': 2.0, '😚': 2.0, '😙': 1.8,
	'😋': 2.5, '😛': 1.3, '😜': 1.4, '🤪': 1.0, '😝': 1.2, '🤗': 2.2, '🤭': 0.8,
	'🤔': -0.2, '🤐': -0.5, '🤨': -0.8, '😐': -0.4, '😑': -0.8, '😶': -0.3,
	'😏': 0.3, '😒': -1.8, '🙄': -1.8, '😬': -1.0, '🤥': -1.2, '😌': 1.5,
	'😔': -1.8, '😪': -1.0, '🤤': 1.8, '😴': -0.5, '😷': -1.2, '🤒': -1.8,
	'🤕': -1.8, '🤢': -2.5, '🤮': -3.0, '🥵': -0.5, '🥶': -0.7, '😵': -1.5,
	'🥳': 2.8, '😎': 1.8, '🤓': 0.8, '😕': -1.3, '😟': -1.7, '🙁': -1.7,
	'☹': -2.0, '😲': 0.3, '😳': -0.6, '🥺': 0.0, '😦': -1.4, '😧': -1.6,
	'😨': -2.0, '😰': -2.0, '😥': -1.5, '😢': -2.2, '😭': -1.5, '😱': -1.8,
	'😖': -2.0, '😣': -1.8, '😞': -2.1, '😓': -1.3, '😩': -2.0, '😫': -2.0,
	'🥱': -1.0, '😤': -1.8, '😡': -3.0, '😠': -2.7, '🤬': -3.3, '👿': -2.0,
	'💩': -2.0, '🤡': -1.5, '👍': 1.8, '👎': -2.0, '👌': 1.8, '👏': 2.0,
	'🙌': 2.3, '🙏': 1.5, '💪': 1.8, '🤝': 1.2, '✌': 1.0, '🤞': 1.0, '🖕': -3.0,
	'❤': 3.0, '🧡': 2.8, '💛': 2.8, '💚': 2.8, '💙': 2.8, '💜': 2.8, '🖤': 1.5,
	'🤍': 2.5, '🤎': 2.5, '💔': -2.9, '❣': 2.5, '💕': 3.0, '💞': 2.8, '💓': 2.8,
	'💗': 2.8, '💖': 3.0, '💘': 2.6, '💝': 2.6, '😻': 2.8, '😺': 2.0, '😸': 2.0,
	'😹': 2.0, '😿': -2.0, '😾': -2.0, '🔥': 1.8, '💯': 2.2, '✨': 1.5, '⭐': 1.8,
	'🌟': 2.0, '🎉': 2.5, '🎊': 2.3, '🥂': 1.8, '🍾': 1.8, '🏆': 2.2, '👑': 1.5,
	'🚫': -1.5, '❌': -1.5, '✅': 1.3, '✔': 1.0, '⚠': -1.0, '🤷': -0.3, '🤦': -1.8,
	'🫶': 2.8, '🥹': 1.5, '🫠': -0.5, '🤌': 1.0, '💸': -0.8, '😮': 0, '😯': 0,
	'☕': 0, '👋': 0.3, '💀': 0.5, '☠': -1.0, '🙈': 0.3, '😈': 0.5,
}

// isEmojiModifier reports runes that only modify the emoji before them:
// variation selectors, skin tones, zero-width joiner, tags.
func isEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x200D || r == 0x20E3 ||
		(r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

// isPictographic is a cheap test for the emoji blocks.
func isPictographic(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) ||
		(r >= 0x2B00 && r <= 0x2BFF) || r == 0x2764 || r == 0x263A || r == 0x2639
}
