namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// The viewer's time zone for one circuit: the one chosen in settings, else the browser's, learned
/// after the first render. Until then times show in UTC.
/// </summary>
public sealed class ViewerClock
{
    private TimeZoneInfo? _browser;
    private TimeZoneInfo? _chosen;

    public TimeZoneInfo TimeZone => _chosen ?? _browser ?? TimeZoneInfo.Utc;

    /// <summary>Raised when the time zone becomes known or changes, so time labels can re-render.</summary>
    public event Action? Changed;

    /// <summary>The zone the browser reports.</summary>
    public void SetTimeZone(string? ianaId) => Apply(() => _browser = Find(ianaId) ?? _browser);

    /// <summary>The zone chosen in settings; null goes back to the browser's.</summary>
    public void UseChosen(string? ianaId) => Apply(() => _chosen = Find(ianaId));

    private void Apply(Action change)
    {
        var before = TimeZone;
        change();
        if (TimeZone.Id != before.Id) Changed?.Invoke();
    }

    private static TimeZoneInfo? Find(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : null;

    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, TimeZone);
}
