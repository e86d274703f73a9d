using Markdig.Extensions.Emoji;

namespace BlazorChat.Core.Messages;

/// <summary>An emoji with the shortcode name it is known by (<c>tada</c> for 🎉).</summary>
public sealed record EmojiEntry(string Emoji, string Name);

/// <summary>A group of emoji a picker shows under one heading.</summary>
public sealed record EmojiCategory(string Name, IReadOnlyList<EmojiEntry> Emoji);

/// <summary>
/// The emoji shortcodes people can use: the table Markdig renders <c>:tada:</c> with, so what the
/// composer suggests, what a reaction accepts and what a message shows never disagree. Categories
/// for the picker are lists of shortcode names over the same table.
/// </summary>
public static class EmojiCatalog
{
    /// <summary>How many matches <see cref="Search"/> returns at most, unless asked for fewer.</summary>
    public const int MaxResults = 40;

    private static readonly Lazy<IDictionary<string, string>> Table = new(EmojiMapping.GetDefaultEmojiShortcodeToUnicode);

    // Every shortcode name once, in the table's order; shortcodes whose emoji already has a name keep it too (aliases).
    private static readonly Lazy<IReadOnlyList<EmojiEntry>> All = new(() =>
        [.. Table.Value.Select(pair => new EmojiEntry(pair.Value, pair.Key.Trim(':')))]);

    private static readonly (string Name, string[] Names)[] CategoryNames =
    [
        ("Smileys", ["smile", "grinning", "laughing", "joy", "rofl", "sweat_smile", "wink", "blush", "innocent", "slightly_smiling_face",
            "upside_down_face", "heart_eyes", "kissing_heart", "yum", "stuck_out_tongue", "hugs", "thinking", "shushing_face",
            "zipper_mouth_face", "neutral_face", "expressionless", "unamused", "roll_eyes", "grimacing", "relieved", "pensive",
            "sleepy", "sleeping", "mask", "nerd_face", "sunglasses", "confused", "worried", "open_mouth", "astonished", "flushed",
            "cry", "sob", "scream", "angry", "rage", "skull", "poop", "clown_face", "ghost", "alien", "robot", "smiley_cat"]),
        ("People", ["wave", "raised_hand", "ok_hand", "v", "crossed_fingers", "thumbsup", "thumbsdown", "clap", "raised_hands", "pray",
            "handshake", "muscle", "point_up", "point_down", "point_left", "point_right", "writing_hand", "eyes", "brain", "baby",
            "man", "woman"]),
        ("Nature", ["dog", "cat", "mouse", "fox_face", "bear", "panda_face", "koala", "tiger", "lion", "cow", "pig", "frog", "monkey",
            "chicken", "penguin", "bird", "unicorn", "bee", "bug", "butterfly", "snail", "turtle", "snake", "octopus", "whale",
            "dolphin", "fish", "cactus", "evergreen_tree", "deciduous_tree", "palm_tree", "seedling", "herb", "four_leaf_clover",
            "maple_leaf", "mushroom", "rose", "sunflower", "tulip", "cherry_blossom", "sunny", "cloud", "umbrella", "snowflake", "zap",
            "rainbow", "fire", "droplet", "ocean", "earth_africa", "crescent_moon", "star"]),
        ("Food", ["apple", "banana", "grapes", "watermelon", "strawberry", "cherries", "peach", "pineapple", "avocado", "tomato",
            "hot_pepper", "carrot", "corn", "bread", "cheese", "egg", "bacon", "hamburger", "fries", "pizza", "hotdog", "taco",
            "burrito", "ramen", "spaghetti", "sushi", "bento", "curry", "cake", "birthday", "cookie", "doughnut", "chocolate_bar",
            "ice_cream", "popcorn", "coffee", "tea", "beer", "beers", "wine_glass", "cocktail", "champagne"]),
        ("Activities", ["tada", "confetti_ball", "balloon", "gift", "trophy", "1st_place_medal", "medal_sports", "soccer", "basketball",
            "football", "baseball", "tennis", "volleyball", "8ball", "ping_pong", "golf", "ski", "swimmer", "bicyclist", "dart",
            "bowling", "video_game", "game_die", "chess_pawn", "art", "performing_arts", "musical_note", "guitar", "microphone", "headphones"]),
        ("Travel", ["car", "taxi", "bus", "train", "airplane", "rocket", "ship", "bike", "motorcycle", "rotating_light", "construction",
            "anchor", "house", "office", "hospital", "school", "tent", "mountain", "beach_umbrella", "desert_island",
            "statue_of_liberty", "world_map"]),
        ("Objects", ["hourglass", "watch", "alarm_clock", "iphone", "computer", "keyboard", "printer", "floppy_disk", "cd", "camera", "tv",
            "bulb", "flashlight", "books", "book", "notebook", "memo", "pencil2", "paperclip", "pushpin", "scissors", "lock", "unlock",
            "key", "hammer", "wrench", "gear", "link", "mag", "envelope", "inbox_tray", "package", "calendar",
            "chart_with_upwards_trend", "clipboard", "moneybag", "credit_card", "gem", "bell", "shield"]),
        ("Symbols", ["heart", "orange_heart", "yellow_heart", "green_heart", "blue_heart", "purple_heart", "black_heart", "broken_heart",
            "sparkling_heart", "100", "white_check_mark", "heavy_check_mark", "x", "heavy_plus_sign", "heavy_minus_sign", "question",
            "exclamation", "warning", "no_entry", "no_entry_sign", "recycle", "sparkles", "boom", "dizzy", "speech_balloon",
            "thought_balloon", "zzz", "arrow_up", "arrow_down", "arrow_left", "arrow_right", "arrows_counterclockwise", "new", "free",
            "up", "cool", "sos", "ok", "red_circle", "large_blue_circle", "white_circle", "black_circle", "checkered_flag",
            "triangular_flag_on_post", "rainbow_flag", "white_flag", "information_source", "hash", "infinity", "stop_sign"]),
    ];

    private static readonly Lazy<IReadOnlyList<EmojiCategory>> Grouped = new(() =>
        [.. CategoryNames.Select(c => new EmojiCategory(c.Name, [.. c.Names.Select(n => Find(n)).OfType<EmojiEntry>()]))]);

    /// <summary>The picker's categories, in the order shown.</summary>
    public static IReadOnlyList<EmojiCategory> Categories => Grouped.Value;

    /// <summary>The emoji of shortcode name <paramref name="name"/> (with or without colons), or null.</summary>
    public static EmojiEntry? Find(string name)
    {
        var key = $":{name.Trim().Trim(':')}:";
        return Table.Value.TryGetValue(key, out var emoji) ? new EmojiEntry(emoji, key.Trim(':')) : null;
    }

    /// <summary>The emoji a known <c>:shortcode:</c> stands for; anything else comes back unchanged.</summary>
    public static string Resolve(string text) =>
        text.Length > 2 && text[0] == ':' && text[^1] == ':' && Table.Value.TryGetValue(text, out var emoji) ? emoji : text;

    /// <summary>The shortcode name of <paramref name="emoji"/>, or null when it has none.</summary>
    public static string? NameOf(string emoji) =>
        Categories.SelectMany(c => c.Emoji).FirstOrDefault(e => e.Emoji == emoji)?.Name
        ?? All.Value.FirstOrDefault(e => e.Emoji == emoji)?.Name;

    /// <summary>
    /// Emoji whose shortcode name matches <paramref name="query"/> (case ignored, colons and
    /// spaces allowed): names starting with it first, then names with a word starting with it,
    /// then names containing it; shorter names first within each; each emoji once.
    /// </summary>
    public static IReadOnlyList<EmojiEntry> Search(string query, int limit = MaxResults)
    {
        var term = query.Trim().Trim(':').Replace(' ', '_').ToLowerInvariant();
        if (term.Length == 0 || limit <= 0) return [];
        return [.. All.Value
            .Select(e => (Entry: e, Rank: Rank(e.Name, term)))
            .Where(m => m.Rank >= 0)
            .OrderBy(m => m.Rank).ThenBy(m => m.Entry.Name.Length).ThenBy(m => m.Entry.Name, StringComparer.Ordinal)
            .DistinctBy(m => m.Entry.Emoji)
            .Take(limit)
            .Select(m => m.Entry)];
    }

    private static int Rank(string name, string term)
    {
        if (name.StartsWith(term, StringComparison.Ordinal)) return 0;
        var at = name.IndexOf(term, StringComparison.Ordinal);
        if (at < 0) return -1;
        return name[at - 1] is '_' or '-' ? 1 : 2;
    }
}
