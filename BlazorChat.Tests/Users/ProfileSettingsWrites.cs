using BlazorChat.Core.Common;
using BlazorChat.Core.Events;
using BlazorChat.Core.Notifications;
using BlazorChat.Core.Presence;
using BlazorChat.Core.Rooms;
using BlazorChat.Core.Users;
using BlazorChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorChat.Tests.Users;

/// <summary>A person's profile and preferences: stored as given, refused whole when one field is wrong, announced to their tabs.</summary>
public abstract class ProfileSettingsWrites(ChatHostFixture fixture)
{
    private ChatTestHost Host => fixture.Host;
    private ProfileService Profiles => Host.Services.GetRequiredService<ProfileService>();

    [Fact]
    public async Task Display_name_bio_and_time_zone_are_saved_and_shown_on_the_card()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");

        var saved = await Profiles.UpdateProfileAsync(alice.Id, new ProfileChange(" Alice L. ", "Keeps bees.", "Europe/Berlin"));

        saved.DisplayName.ShouldBe("Alice L.");
        saved.TimeZoneChosen.ShouldBeTrue();
        var card = await Profiles.GetCardAsync(bob.Id, alice.Id);
        card.DisplayName.ShouldBe("Alice L.");
        card.UserName.ShouldBe(alice.UserName);
        card.Bio.ShouldBe("Keeps bees.");
        card.TimeZone.ShouldBe("Europe/Berlin");
        card.IsViewer.ShouldBeFalse();
        card.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task One_bad_field_saves_nothing()
    {
        var alice = await Host.CreateUserAsync("alice");
        await Profiles.UpdateProfileAsync(alice.Id, new ProfileChange("Alice", "Before.", null));

        var refusal = await Should.ThrowAsync<ChatValidationException>(() =>
            Profiles.UpdateProfileAsync(alice.Id, new ProfileChange("Alice Changed", "After.", "Nowhere/Town")));

        refusal.Field.ShouldBe("TimeZone");
        var stored = await Profiles.GetAsync(alice.Id);
        stored.DisplayName.ShouldBe("Alice");
        stored.Bio.ShouldBe("Before.");
    }

    [Fact]
    public async Task The_browser_time_zone_is_noted_only_until_the_person_chooses_one()
    {
        var alice = await Host.CreateUserAsync("alice");

        await Profiles.NoteBrowserTimeZoneAsync(alice.Id, "Asia/Tokyo");
        (await Profiles.GetAsync(alice.Id)).TimeZone.ShouldBe("Asia/Tokyo");
        await Profiles.NoteBrowserTimeZoneAsync(alice.Id, "Not/AZone");
        (await Profiles.GetAsync(alice.Id)).TimeZone.ShouldBe("Asia/Tokyo");

        await Profiles.UpdateProfileAsync(alice.Id, new ProfileChange("Alice", null, "America/Chicago"));
        await Profiles.NoteBrowserTimeZoneAsync(alice.Id, "Asia/Tokyo");
        (await Profiles.GetAsync(alice.Id)).TimeZone.ShouldBe("America/Chicago");

        // Going back to automatic keeps the last zone until the browser reports again.
        await Profiles.UpdateProfileAsync(alice.Id, new ProfileChange("Alice", null, null));
        await Profiles.NoteBrowserTimeZoneAsync(alice.Id, "Asia/Tokyo");
        (await Profiles.GetAsync(alice.Id)).TimeZone.ShouldBe("Asia/Tokyo");
    }

    [Fact]
    public async Task A_theme_change_is_stored_and_reaches_the_persons_other_tabs()
    {
        var alice = await Host.CreateUserAsync("alice");
        var heard = new TaskCompletionSource<ProfileSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Host.Services.GetRequiredService<IEventBus>().Subscribe(Topics.User(alice.Id), e =>
        {
            if (e is ProfileSettingsChanged changed) heard.TrySetResult(changed.Settings);
            return Task.CompletedTask;
        });

        await Profiles.SetThemeAsync(alice.Id, ThemePreference.Dark);

        (await Profiles.GetThemeAsync(alice.Id)).ShouldBe(ThemePreference.Dark);
        (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).Theme.ShouldBe(ThemePreference.Dark);
        await Should.ThrowAsync<ChatValidationException>(() => Profiles.SetThemeAsync(alice.Id, (ThemePreference)7));
    }

    [Fact]
    public async Task Hidden_online_status_and_last_seen_are_not_on_the_card()
    {
        var alice = await Host.CreateUserAsync("alice");
        var bob = await Host.CreateUserAsync("bob");
        var presence = Host.Services.GetRequiredService<PresenceTracker>();
        await (await presence.ConnectAsync(alice.Id)).DisposeAsync();
        (await Profiles.GetCardAsync(bob.Id, alice.Id)).Presence.LastSeenAt.ShouldNotBeNull();

        await Profiles.SetPrivacyAsync(alice.Id, hideOnlineStatus: true, hideLastSeen: true);
        var connection = await presence.ConnectAsync(alice.Id);

        var card = await Profiles.GetCardAsync(bob.Id, alice.Id);
        card.Presence.Status.ShouldBe(PresenceStatus.Offline);
        card.Presence.LastSeenAt.ShouldBeNull();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task The_notification_default_narrows_every_room()
    {
        var alice = await Host.CreateUserAsync("alice");
        (await Profiles.SetNotificationDefaultAsync(alice.Id, NotificationLevel.Mentions)).NotificationDefault.ShouldBe(NotificationLevel.Mentions);

        NotificationPreferences.Effective(NotificationLevel.All, NotificationLevel.Mentions).ShouldBe(NotificationLevel.Mentions);
        NotificationPreferences.Effective(NotificationLevel.Nothing, NotificationLevel.All).ShouldBe(NotificationLevel.Nothing);
        NotificationPreferences.Effective(NotificationLevel.All, NotificationLevel.All).ShouldBe(NotificationLevel.All);
    }

    [Fact]
    public async Task A_banned_person_cannot_change_their_profile()
    {
        var alice = await Host.CreateUserAsync("alice");
        await Host.Services.GetRequiredService<BlazorChat.Core.Moderation.UserAdministration>()
            .BanAsync(fixture.SiteAdmin.Id, alice.Id, "spam", duration: null);

        await Should.ThrowAsync<ChatForbiddenException>(() => Profiles.UpdateProfileAsync(alice.Id, new ProfileChange("Changed", null, null)));
    }
}

public sealed class ProfileSettingsWrites_on_Sqlite(SqliteChatHost fixture) : ProfileSettingsWrites(fixture), IClassFixture<SqliteChatHost>;

public sealed class ProfileSettingsWrites_on_Postgres(PostgresChatHost fixture) : ProfileSettingsWrites(fixture), IClassFixture<PostgresChatHost>;
