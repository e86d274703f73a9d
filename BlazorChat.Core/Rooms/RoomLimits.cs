using System.ComponentModel.DataAnnotations;

namespace BlazorChat.Core.Rooms;

/// <summary>How big rooms get and how fast people create them (configuration section <c>BlazorChat:Rooms</c>).</summary>
public sealed class RoomLimits
{
    public const string Section = "BlazorChat:Rooms";

    /// <summary>The smallest and largest member limit a room's settings accept.</summary>
    public const int MinMemberLimit = 2;
    public const int MaxMemberLimit = 10_000;

    /// <summary>The most people in a group message, its creator included.</summary>
    [Range(3, MaxMemberLimit)]
    public int GroupMessageMembers { get; set; } = 300;

    /// <summary>The most channels and group messages one person may have created (direct messages do not count).</summary>
    [Range(1, int.MaxValue)]
    public int RoomsPerUser { get; set; } = 100;

    /// <summary>The most channels and group messages one person may create within an hour.</summary>
    [Range(1, int.MaxValue)]
    public int RoomsPerHour { get; set; } = 5;
}
