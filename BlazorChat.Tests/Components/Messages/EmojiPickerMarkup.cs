using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The emoji picker is a named dialog with a search box, category tabs and emoji buttons named by shortcode.</summary>
public sealed class EmojiPickerMarkup : IAsyncDisposable
{
    private readonly ComponentRenderer _renderer = new(services => services.AddSingleton<IJSRuntime, StaticJSRuntime>());

    private Task<AngleSharp.Dom.IElement> RenderPickerAsync(string? label = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            [nameof(EmojiPicker.OnPick)] = EventCallback<string>.Empty,
            [nameof(EmojiPicker.OnClose)] = EventCallback.Empty,
        };
        if (label is not null) parameters[nameof(EmojiPicker.Label)] = label;
        return _renderer.RenderAsync<EmojiPicker>(parameters);
    }

    [Fact]
    public async Task The_reaction_picker_is_a_dialog_with_a_labelled_search_box()
    {
        var body = await RenderPickerAsync();

        body.QuerySelector("[role=dialog]").ShouldNotBeNull().GetAttribute("aria-label").ShouldBe("Pick a reaction");
        var search = body.QuerySelector("input[type=search]").ShouldNotBeNull();
        body.QuerySelector($"label[for='{search.Id}']").ShouldNotBeNull().NormalizedText().ShouldBe("Search emoji");
    }

    [Fact]
    public async Task Categories_are_tabs_and_the_first_shows_the_frequently_used_emoji_by_shortcode()
    {
        var body = await RenderPickerAsync("Insert emoji");

        body.QuerySelector("[role=dialog]")!.GetAttribute("aria-label").ShouldBe("Insert emoji");
        var tabs = body.QuerySelectorAll("[role=tablist] [role=tab]").Select(t => t.GetAttribute("aria-label")).ToList();
        tabs[0].ShouldBe("Frequently used");
        tabs.ShouldContain("Smileys");
        tabs.ShouldContain("Symbols");
        body.QuerySelector("[role=tab][aria-selected=true]")!.GetAttribute("aria-label").ShouldBe("Frequently used");
        var panel = body.QuerySelector("[role=tabpanel]").ShouldNotBeNull();
        panel.QuerySelector("button[aria-label=thumbsup]").ShouldNotBeNull().NormalizedText().ShouldBe("👍");
    }

    [Fact]
    public async Task The_composer_offers_Insert_emoji_beside_Send()
    {
        var body = await _renderer.RenderAsync<Composer>(new()
        {
            [nameof(Composer.Target)] = "#general",
            [nameof(Composer.OnSend)] = EventCallback<ComposedMessage>.Empty,
        });

        var button = body.QuerySelector("form button[aria-label='Insert emoji']").ShouldNotBeNull();
        button.GetAttribute("aria-haspopup").ShouldBe("dialog");
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
