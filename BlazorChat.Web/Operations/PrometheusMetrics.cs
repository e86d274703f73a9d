using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using BlazorChat.Core.Diagnostics;

namespace BlazorChat.Web.Operations;

/// <summary>
/// Collects this app's metrics with a <see cref="MeterListener"/> and writes them in the Prometheus
/// text format 0.0.4 (no exporter package for it restores; ADR-010). Listens only to meters of
/// this app's own <see cref="IMeterFactory"/>: the chat's meter and ASP.NET Core's request and
/// connection meters. Counters are written as <c>_total</c>, up-down counters and gauges as
/// gauges, histograms as cumulative <c>_bucket{le=…}</c> with <c>_sum</c> and <c>_count</c>.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    /// <summary>The meters exported, besides nothing else the process may create.</summary>
    public static readonly string[] Meters = [ChatMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();

    public PrometheusMetrics(IMeterFactory meterFactory, ChatMetrics chatMetrics)
    {
        GC.KeepAlive(chatMetrics); // created first, so its instruments exist when the listener starts
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (!ReferenceEquals(instrument.Meter.Scope, meterFactory) || !Meters.Contains(instrument.Meter.Name)) return;
                listener.EnableMeasurementEvents(instrument, _series.GetOrAdd(instrument, i => new Series(i)));
            },
            MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out var _),
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Every series in the text format, observable instruments read now.</summary>
    public string Write()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal)) series.WriteTo(text);
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private enum Kind { Counter, Gauge, Histogram }

    /// <summary>One instrument: its Prometheus name and type, and a point per tag combination.</summary>
    private sealed class Series
    {
        private readonly Dictionary<string, Point> _points = new(StringComparer.Ordinal);
        private readonly Kind _kind;
        private readonly bool _observed; // observable instruments report totals, not increments
        private readonly double[] _buckets;
        private readonly string _help;

        public Series(Instrument instrument)
        {
            var type = instrument.GetType().GetGenericTypeDefinition();
            _observed = instrument.IsObservable;
            _kind = type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? Kind.Counter
                : type == typeof(Histogram<>) ? Kind.Histogram
                : Kind.Gauge;
            _buckets = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries?.ToArray() ?? DefaultBuckets;
            _help = (instrument.Description ?? instrument.Name).Replace("\\", "\\\\").Replace("\n", "\\n");
            Name = MetricName(instrument.Name, instrument.Unit) + (_kind == Kind.Counter ? "_total" : "");
        }

        public string Name { get; }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            lock (_points)
            {
                if (!_points.TryGetValue(labels, out var point)) _points[labels] = point = new Point(_kind == Kind.Histogram ? _buckets.Length : 0);
                switch (_kind)
                {
                    case Kind.Histogram:
                        var bucket = Array.FindIndex(_buckets, bound => value <= bound);
                        point.Buckets[bucket < 0 ? _buckets.Length : bucket]++;
                        point.Sum += value;
                        point.Count++;
                        break;
                    default:
                        point.Value = _observed ? value : point.Value + value;
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(_help).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind.ToString().ToLowerInvariant()).Append('\n');
            lock (_points)
            {
                foreach (var (labels, point) in _points.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (_kind != Kind.Histogram)
                    {
                        Sample(text, Name, labels, point.Value);
                        continue;
                    }
                    long cumulative = 0;
                    for (var i = 0; i <= _buckets.Length; i++)
                    {
                        cumulative += point.Buckets[i];
                        var le = i < _buckets.Length ? Number(_buckets[i]) : "+Inf";
                        Sample(text, Name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
                    }
                    Sample(text, Name + "_sum", labels, point.Sum);
                    Sample(text, Name + "_count", labels, point.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value) =>
            text.Append(name).Append(labels.Length > 0 ? $"{{{labels}}}" : "").Append(' ').Append(Number(value)).Append('\n');

        private static string Join(string labels, string label) => labels.Length > 0 ? labels + "," + label : label;

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty) return "";
            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags)
            {
                var escaped = Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
                pairs.Add($"{Sanitize(key)}=\"{escaped}\"");
            }
            pairs.Sort(StringComparer.Ordinal);
            return string.Join(",", pairs);
        }
    }

    private sealed class Point(int buckets)
    {
        public double Value;
        public readonly long[] Buckets = new long[buckets + 1];
        public double Sum;
        public long Count;
    }

    /// <summary><c>blazorchat.delivery.latency</c> in <c>s</c> becomes <c>blazorchat_delivery_latency_seconds</c>; units in braces are dropped.</summary>
    internal static string MetricName(string name, string? unit)
    {
        var suffix = unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ => null,
        };
        var sanitized = Sanitize(name);
        return suffix is null || sanitized.EndsWith("_" + suffix, StringComparison.Ordinal) ? sanitized : $"{sanitized}_{suffix}";
    }

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        if (chars.Length > 0 && char.IsAsciiDigit(chars[0])) return "_" + new string(chars);
        return new string(chars);
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
