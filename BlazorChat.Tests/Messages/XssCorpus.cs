using AngleSharp.Dom;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// Message bodies that try to get script, plugins, styles or foreign targets into a reader's page,
/// and the checks that prove the resulting HTML is inert. <c>{member}</c> in a payload stands for
/// the username of a room member, so mentions are exercised with real, highlighted names.
/// </summary>
public static class XssCorpus
{
    public const string Member = "{member}";

    public static readonly string[] Payloads =
    [
        // Raw HTML
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
        "<style>body{display:none}</style>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<form action=https://evil.example><input type=submit></form>",
        "<details open ontoggle=alert(1)>",
        "text <b onmouseover=alert(1)>bold</b>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<body onload=alert(1)>",
        "<!-- <script>alert(1)</script> -->",
        "<<script>script>alert(1)<</script>/script>",
        // SVG and MathML
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        // Links with forbidden schemes, case and entity tricks
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;script:alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](java\tscript:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](DATA:text/html,<script>alert(1)</script>)",
        "[click](vbscript:msgbox(1))",
        "[click](VBScript:msgbox(1))",
        "[click](file:///etc/passwd)",
        "[click](//evil.example/path)",
        "[click](/local/path)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "[click][ref]\n\n[ref]: <data:text/html,hi> \"title\"",
        "[a](https://example.com \"x\\\" onmouseover=\\\"alert(1)\")",
        "[a](https://example.com/\"onmouseover=\"alert(1))",
        "[**nested** `code`](javascript:alert(1))",
        "[outer ![inner](javascript:alert(1))](https://example.com)",
        // Images
        "![pixel](javascript:alert(1))",
        "![pixel](data:image/png;base64,iVBORw0KGgo=)",
        "![pixel](vbscript:msgbox(1))",
        "![pixel](https://tracker.example/pixel.gif)",
        "![x\" onerror=\"alert(1)](https://example.com/a.png)",
        "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        // Autolinks
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,hi>",
        "<vbscript:msgbox(1)>",
        "www.example.com/\"onmouseover=\"alert(1)",
        "https://example.com/<script>alert(1)</script>",
        "<user@example.com> and mailto:team@example.com",
        "ftp://example.com/file and tel:+15551234",
        // Inside other markdown
        "| head |\n|---|\n| [x](javascript:alert(1)) |",
        "> [quoted](vbscript:x)",
        "- <img src=x onerror=alert(1)>\n- [y](javascript:alert(1))",
        "```html\n<script>alert(1)</script>\n```",
        "`<script>alert(1)</script>`",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        // Mentions
        $"@{Member}<script>alert(1)</script>",
        $"<b>@{Member}</b>",
        $"@{Member}\"><img src=x onerror=alert(1)>",
        $"[@{Member}](javascript:alert(1))",
        $"@{Member}<svg onload=alert(1)> and @here<iframe>",
        $"**@{Member}** _@{Member}_ `@{Member}` @{Member}.",
        "@<script>alert(1)</script>",
        "@\"onmouseover=\"alert(1)",
    ];

    private static readonly string[] AllowedHrefPrefixes = ["http:", "https:", "mailto:"];

    private static readonly HashSet<string> ActiveElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "img", "style", "link",
        "meta", "base", "form", "input", "button", "textarea", "select", "video", "audio", "source", "picture",
    };

    /// <summary>The corpus with <see cref="Member"/> replaced by <paramref name="username"/>.</summary>
    public static IEnumerable<string> With(string username) => Payloads.Select(p => p.Replace(Member, username));

    /// <summary>
    /// Fails unless the parsed HTML under <paramref name="root"/> holds no active element,
    /// no event handler, style or source attribute, and only http, https and mailto link targets.
    /// </summary>
    public static void ShouldBeInert(IElement root, string payload)
    {
        var all = root.QuerySelectorAll("*").ToList();
        all.Select(e => e.LocalName).Where(ActiveElements.Contains).ShouldBeEmpty($"active elements for {payload}");
        all.SelectMany(e => e.Attributes.Select(a => $"{e.LocalName}[{a.Name}]"))
            .Where(a => a.Contains("[on", StringComparison.OrdinalIgnoreCase)
                || a.EndsWith("[style]", StringComparison.OrdinalIgnoreCase)
                || a.EndsWith("[src]", StringComparison.OrdinalIgnoreCase)
                || a.EndsWith("[srcset]", StringComparison.OrdinalIgnoreCase)
                || a.EndsWith("[formaction]", StringComparison.OrdinalIgnoreCase)
                || a.Contains("xlink", StringComparison.OrdinalIgnoreCase))
            .ShouldBeEmpty($"attributes for {payload}");
        foreach (var element in root.QuerySelectorAll("[href]"))
        {
            var href = element.GetAttribute("href")!;
            AllowedHrefPrefixes.ShouldContain(p => href.StartsWith(p, StringComparison.Ordinal), $"href=\"{href}\" for {payload}");
        }
    }
}
