package io.hikeshi.slackstub;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modals (views.open/update/push) and the Home tab (views.publish), refused as Slack refuses them. */
class StrictViewsTest extends StrictStubTest {

    private ViewsOpenResponse open(View view) throws Exception {
        return slack.viewsOpen(r -> r.triggerId("1.2.abc").view(view));
    }

    private static View declareModal(String title, String submit, String close, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId("declare_incident")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(submit == null ? null : viewSubmit(s -> s.type("plain_text").text(submit)))
                .close(close == null ? null : viewClose(c -> c.type("plain_text").text(close)))
                .blocks(blocks));
    }

    private static LayoutBlock titleInput(String label) {
        return input(i -> i.blockId("title").label(plainText(label))
                .element(plainTextInput(p -> p.actionId("title").maxLength(150))));
    }

    @Test
    void viewsOpen_titleSubmitAndClose_areAtMost24Characters() throws Exception {
        // GIVEN the declare modal with a 24-character title, submit and close: it opens
        String twentyFour = "インシデントを宣言する（重大度と担当サービスを選ぶ）"
                .substring(0, 24);
        ViewsOpenResponse fits = open(declareModal(twentyFour, twentyFour, twentyFour, List.of(titleInput("Title"))));
        assertTrue(fits.isOk(), fits.getError());

        // WHEN the title is 25 characters
        ViewsOpenResponse title = open(declareModal(repeat("t", 25), "Declare", "Cancel", List.of(titleInput("Title"))));

        // THEN invalid_arguments, with the schema messages on the view's title
        assertRefused(title, "invalid_arguments");
        assertEquals(List.of("[ERROR] failed to match all allowed schemas [json-pointer:/view/title]",
                "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"),
                title.getResponseMetadata().getMessages());

        ViewsOpenResponse buttons = open(declareModal("Declare", repeat("s", 25), repeat("c", 25), List.of(divider())));
        assertRefused(buttons, "invalid_arguments");
        assertEquals(List.of("views.title_24", "views.submit_24", "views.close_24"), refusedBy());
    }

    @Test
    void viewsOpen_inputBlockWithoutSubmit_privateMetadataAndCallbackId_areRefused() throws Exception {
        ViewsOpenResponse noSubmit = open(declareModal("Declare", null, null, List.of(titleInput("Title"))));
        assertRefused(noSubmit, "invalid_arguments");
        assertEquals(List.of("[ERROR] missing required field: submit [json-pointer:/view]"),
                noSubmit.getResponseMetadata().getMessages());

        View metadata = declareModal("Declare", "Declare", null, List.of(divider()));
        metadata.setPrivateMetadata(repeat("m", 3001));
        metadata.setCallbackId(repeat("c", 256));
        ViewsOpenResponse tooLong = open(metadata);
        assertRefused(tooLong, "invalid_arguments");
        assertEquals(List.of("[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]",
                "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]"),
                tooLong.getResponseMetadata().getMessages());

        assertEquals(List.of("views.submit_required_with_input", "views.private_metadata_3000", "views.callback_id_255"),
                refusedBy());
    }

    @Test
    void viewsOpen_blocksInside_inputLabel_andPlainTextInputLengths() throws Exception {
        ViewsOpenResponse label = open(declareModal("Declare", "Declare", null, List.of(titleInput(repeat("l", 2001)))));
        assertRefused(label, "invalid_arguments");
        assertEquals("[ERROR] must be less than 2001 characters [json-pointer:/view/blocks/0/label/text]",
                label.getResponseMetadata().getMessages().get(1));

        ViewsOpenResponse maxLength = slack.viewsOpen(r -> r.triggerId("1.2.abc").viewAsString(
                "{\"type\":\"modal\",\"title\":{\"type\":\"plain_text\",\"text\":\"Declare\"},"
                        + "\"submit\":{\"type\":\"plain_text\",\"text\":\"Declare\"},\"blocks\":[{\"type\":\"input\","
                        + "\"label\":{\"type\":\"plain_text\",\"text\":\"Description\"},\"element\":{\"type\":"
                        + "\"plain_text_input\",\"action_id\":\"d\",\"multiline\":true,\"min_length\":-1,\"max_length\":3001}}]}"));
        assertRefused(maxLength, "invalid_arguments");
        assertEquals(List.of("[ERROR] must be more than -1 [json-pointer:/view/blocks/0/element/min_length]",
                "[ERROR] must be less than 3001 [json-pointer:/view/blocks/0/element/max_length]"),
                maxLength.getResponseMetadata().getMessages());
        assertEquals(List.of("blocks.input_label_2000", "blocks.plain_text_input_lengths",
                "blocks.plain_text_input_lengths"), refusedBy());
    }

    @Test
    void modalsTake100Blocks_theHomeTabToo_not101() throws Exception {
        List<LayoutBlock> hundred = new ArrayList<>(Collections.nCopies(100, divider()));
        List<LayoutBlock> hundredAndOne = new ArrayList<>(Collections.nCopies(101, divider()));

        assertTrue(open(declareModal("Timeline", null, "Close", hundred)).isOk());
        ViewsOpenResponse modal = open(declareModal("Timeline", null, "Close", hundredAndOne));
        assertRefused(modal, "invalid_arguments");
        assertEquals(List.of("[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"),
                modal.getResponseMetadata().getMessages());

        ViewsPublishResponse home = slack.viewsPublish(r -> r.userId("U0ALICE")
                .view(view(v -> v.type("home").blocks(hundred))));
        assertTrue(home.isOk(), home.getError());
        ViewsPublishResponse tooBig = slack.viewsPublish(r -> r.userId("U0ALICE")
                .view(view(v -> v.type("home").blocks(hundredAndOne))));
        assertRefused(tooBig, "invalid_arguments");
        assertEquals(List.of("blocks.view_max_100", "blocks.view_max_100"), refusedBy());
    }

    @Test
    void viewsPublish_takesHomeViewsOnly_andNoViewOver250kB() throws Exception {
        ViewsPublishResponse modal = slack.viewsPublish(r -> r.userId("U0ALICE")
                .view(declareModal("Declare", "Declare", null, List.of(titleInput("Title")))));
        assertRefused(modal, "invalid_arguments");

        StringBuilder big = new StringBuilder("{\"type\":\"home\",\"blocks\":[");
        for (int i = 0; i < 90; i++) {
            big.append(i == 0 ? "" : ",").append("{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"")
                    .append(repeat("x", 2990)).append("\"}}");
        }
        ViewsPublishResponse tooLarge = slack.viewsPublish(r -> r.userId("U0ALICE").viewAsString(big.append("]}").toString()));
        assertRefused(tooLarge, "view_too_large");
        assertEquals(List.of("views.type", "views.size_250kb"), refusedBy());
    }
}
