using AngleSharp.Dom;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Web.Components.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace BlazorChat.Tests.Components.Messages;

/// <summary>The composer is a labelled message box with a Send button; it stays disabled until the circuit is up.</summary>
public sealed class ComposerMarkup : IAsyncDisposable
{
    // The JavaScript runtime is injected by the composer (it calls none while rendering statically).
    private readonly ComponentRenderer _renderer = new(services => services.AddSingleton<IJSRuntime, StaticJSRuntime>());

    private Task<AngleSharp.Dom.IElement> RenderAsync(bool disabled = false) =>
        _renderer.RenderAsync<Composer>(new()
        {
            [nameof(Composer.Target)] = "#general",
            [nameof(Composer.OnSend)] = EventCallback<ComposedMessage>.Empty,
            [nameof(Composer.Disabled)] = disabled,
        });

    [Fact]
    public async Task The_message_box_is_a_textarea_labelled_with_the_target()
    {
        var body = await RenderAsync();

        var textarea = body.QuerySelector("form textarea").ShouldNotBeNull();
        var label = body.QuerySelector($"label[for='{textarea.Id}']").ShouldNotBeNull();
        label.NormalizedText().ShouldStartWith("Message");
        label.NormalizedText().ShouldBe("Message #general");
    }

    [Fact]
    public async Task The_form_has_a_Send_submit_button()
    {
        var body = await RenderAsync();

        var button = body.QuerySelector("form button[type=submit]").ShouldNotBeNull();
        // The icon is hidden from assistive technology, so the button is named by its text alone: "Send".
        var namingText = string.Concat(button.Descendants<IText>()
            .Where(t => t.ParentElement?.Closest("[aria-hidden=true]") is null).Select(t => t.Data)).Trim();
        namingText.ShouldBe("Send");
        button.QuerySelectorAll("svg").ShouldAllBe(svg => svg.Closest("[aria-hidden=true]") != null);
    }

    [Fact]
    public async Task Before_the_page_is_interactive_the_box_and_the_button_are_disabled()
    {
        var body = await RenderAsync(disabled: false);

        body.QuerySelector("textarea").ShouldNotBeNull().HasAttribute("disabled").ShouldBeTrue();
        body.QuerySelector("button[type=submit]").ShouldNotBeNull().HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task No_character_counter_shows_for_an_empty_message()
    {
        var body = await RenderAsync();

        body.QuerySelector(".composer-counter").ShouldBeNull();
        body.QuerySelector("[role=alert]").ShouldNotBeNull().TextContent.ShouldBeEmpty();
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
