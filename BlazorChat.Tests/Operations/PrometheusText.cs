using System.Globalization;
using System.Text.RegularExpressions;

namespace BlazorChat.Tests.Operations;

/// <summary>A strict reader of the Prometheus text format 0.0.4, as a scraper parses it.</summary>
public static partial class PrometheusText
{
    /// <summary>One sample: its metric name, its labels as written and its value.</summary>
    public sealed record Sample(string Name, string Labels, double Value);

    [GeneratedRegex("""^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$""")]
    private static partial Regex Comment();

    [GeneratedRegex("""^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*")(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*")*\})? (\S+)$""")]
    private static partial Regex SampleLine();

    /// <summary>Parses <paramref name="text"/>, failing on any line a scraper would reject or on a sample of an undeclared family.</summary>
    public static (IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, string> Types) Parse(string text)
    {
        text.ShouldEndWith("\n");
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (Comment().Match(line) is { Success: true } comment)
            {
                if (comment.Groups[1].Value == "TYPE")
                {
                    comment.Groups[3].Value.ShouldBeOneOf("counter", "gauge", "histogram", "summary", "untyped");
                    types.TryAdd(comment.Groups[2].Value, comment.Groups[3].Value).ShouldBeTrue($"TYPE declared twice: {line}");
                }
                continue;
            }
            var match = SampleLine().Match(line);
            match.Success.ShouldBeTrue($"not a valid sample line: {line}");
            var name = match.Groups[1].Value;
            var family = types.Keys.FirstOrDefault(f => name == f || (types[f] == "histogram" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")));
            family.ShouldNotBeNull($"sample before its TYPE: {line}");
            var value = match.Groups[3].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(name, match.Groups[2].Value.Trim('{', '}'), value));
        }
        return (samples, types);
    }
}
