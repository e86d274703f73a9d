namespace BlazorChat.Web.Components.Shared;

/// <summary>
/// The viewer's time zone for one circuit, learned from the browser after the first render.
/// Until then times show in UTC.
/// </summary>
public sealed class ViewerClock
{
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Raised when the time zone becomes known, so time labels can re-render.</summary>
    public event Action? Changed;

    public void SetTimeZone(string? ianaId)
    {
        if (string.IsNullOrWhiteSpace(ianaId) || !TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone)) return;
        if (zone.Id == TimeZone.Id) return;
        TimeZone = zone;
        Changed?.Invoke();
    }

    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, TimeZone);
}
