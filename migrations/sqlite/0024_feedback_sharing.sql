-- A family member's consent to let the organisation's own case system have the comment of their feedback (issue 16). Identical for both backends.
-- Off unless they tick it, and theirs to take back. Only a response sent with their name can
-- be shared: the words of an anonymous response never leave Helder, whatever the code does.
ALTER TABLE feedback_responses ADD COLUMN comment_shared BOOLEAN NOT NULL DEFAULT FALSE
    CHECK (NOT comment_shared OR NOT anonymous_to_professional);
