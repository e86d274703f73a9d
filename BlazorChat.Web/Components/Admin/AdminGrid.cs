using BlazorChat.Core.Moderation;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Settings;
using MudBlazor;

namespace BlazorChat.Web.Components.Admin;

/// <summary>
/// The bridge between a <see cref="MudDataGrid{T}"/> that pages, sorts and searches on the server
/// and Core's page queries: the grid's state becomes a <see cref="PageRequest"/>, a page becomes grid data.
/// </summary>
internal static class AdminGrid
{
    /// <summary>Rows per page the pagers offer.</summary>
    public static readonly int[] PageSizes = [20, 50, 100];

    /// <summary>The page, the order (one column, by the column's property name) and the search, as Core takes them.</summary>
    public static PageRequest ToPageRequest<T>(this GridState<T> state, string search)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return new PageRequest(search, state.Page * state.PageSize, state.PageSize, sort?.SortBy, sort?.Descending ?? false);
    }

    /// <summary>Reloads the grid for a new search or filter, from its first page.</summary>
    public static Task ShowFirstPageAsync<T>(this MudDataGrid<T> grid)
    {
        if (grid.CurrentPage == 0) return grid.ReloadServerData();
        // Moving to another page reloads by itself.
        grid.NavigateTo(MudBlazor.Page.First);
        return Task.CompletedTask;
    }

    /// <summary>A page as the grid shows it; nothing when the page could not be read.</summary>
    public static GridData<T> ToGridData<T>(this Page<T>? page) =>
        new() { Items = page?.Items ?? [], TotalItems = page?.Total ?? 0 };
}

/// <summary>Human names for the values the administration pages show.</summary>
internal static class AdminLabels
{
    public static string Of(RoomKind kind) => kind switch
    {
        RoomKind.PublicChannel => "Public channel",
        RoomKind.PrivateChannel => "Private channel",
        RoomKind.GroupMessage => "Group conversation",
        _ => "Direct conversation",
    };

    public static string Of(RoomRole role) => role switch
    {
        RoomRole.Owner => "Owner",
        RoomRole.Admin => "Admin",
        RoomRole.Moderator => "Moderator",
        _ => "Member",
    };

    public static string Of(AccountStatus status) => status.ToString();

    public static string Of(SiteRole role) => role.ToString();

    public static string Of(ReportOutcome outcome) => outcome switch
    {
        ReportOutcome.Dismiss => "Dismissed",
        ReportOutcome.DeleteMessage => "Message deleted",
        ReportOutcome.Warn => "Author warned",
        ReportOutcome.Mute => "Author muted",
        _ => "Author banned",
    };

    public static string Of(RegistrationMode mode) => mode switch
    {
        RegistrationMode.Open => "Open to anyone",
        RegistrationMode.InviteOnly => "Invite links only",
        _ => "Closed",
    };

    /// <summary>
    /// An audit entry's target for people: "@alice" for an account, the room's name for a room,
    /// "a message" for a message; anything else as stored.
    /// </summary>
    public static string TargetOf(AuditRow row) => row.Target switch
    {
        var t when t.StartsWith("user:", StringComparison.Ordinal) && t.IndexOf(" @", StringComparison.Ordinal) is > 0 and var at => t[(at + 1)..],
        var t when t.StartsWith("room:", StringComparison.Ordinal) => row.RoomName is { } name ? $"#{name}" : "a deleted room",
        var t when t.StartsWith("message:", StringComparison.Ordinal) => "a message",
        var t => t,
    };

    /// <summary>Sanction lengths a moderator picks from, in hours; 0 means without end.</summary>
    public static readonly (int Hours, string Label)[] Durations =
        [(1, "1 hour"), (24, "1 day"), (168, "7 days"), (720, "30 days"), (0, "Without end")];

    public static TimeSpan? DurationOf(int hours) => hours == 0 ? null : TimeSpan.FromHours(hours);
}
