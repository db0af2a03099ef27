CREATE TABLE `app_state` (
	`key` text(100) PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bot_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text(50),
	`event_type` text(50) NOT NULL,
	`severity` text(10) NOT NULL,
	`message` text NOT NULL,
	`metadata_json` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_bot_events_session_id` ON `bot_events` (`session_id`);--> statement-breakpoint
CREATE INDEX `ix_bot_events_created_at` ON `bot_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `ix_bot_events_event_type` ON `bot_events` (`event_type`);--> statement-breakpoint
CREATE INDEX `ix_bot_events_event_type_id` ON `bot_events` (`event_type`,`id`);--> statement-breakpoint
CREATE TABLE `bot_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text(50) NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`status` text(20) NOT NULL,
	`starting_equity` real NOT NULL,
	`ending_equity` real,
	`total_signals` integer DEFAULT 0,
	`total_trades` integer DEFAULT 0,
	`config_json` text,
	`errors_json` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ix_bot_sessions_session_id` ON `bot_sessions` (`session_id`);--> statement-breakpoint
CREATE TABLE `daily_pnl` (
	`date` text(10) PRIMARY KEY NOT NULL,
	`starting_equity` real NOT NULL,
	`ending_equity` real,
	`pnl` real DEFAULT 0 NOT NULL,
	`trades` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `equity_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text(50),
	`time` integer NOT NULL,
	`equity` real NOT NULL,
	`pnl` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_equity_snapshots_session_id_time` ON `equity_snapshots` (`session_id`,`time`);--> statement-breakpoint
CREATE INDEX `ix_equity_snapshots_time` ON `equity_snapshots` (`time`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_order_id` text(64) NOT NULL,
	`session_id` text(50),
	`ticker` text(32) NOT NULL,
	`side` text(4) NOT NULL,
	`qty` real NOT NULL,
	`type` text(16) NOT NULL,
	`limit_price` real,
	`stop_price` real,
	`status` text(20) NOT NULL,
	`broker_order_id` text(64),
	`filled_qty` real DEFAULT 0 NOT NULL,
	`avg_fill_price` real,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`intent_json` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ix_orders_client_order_id` ON `orders` (`client_order_id`);--> statement-breakpoint
CREATE INDEX `ix_orders_session_id` ON `orders` (`session_id`);--> statement-breakpoint
CREATE INDEX `ix_orders_status` ON `orders` (`status`);--> statement-breakpoint
CREATE INDEX `ix_orders_broker_order_id` ON `orders` (`broker_order_id`);--> statement-breakpoint
CREATE TABLE `signals` (
	`id` text(64) PRIMARY KEY NOT NULL,
	`session_id` text(50),
	`ticker` text(32) NOT NULL,
	`timeframe` text(5) NOT NULL,
	`type` text(30) NOT NULL,
	`direction` text(5) NOT NULL,
	`conviction` integer NOT NULL,
	`price` real NOT NULL,
	`time` integer NOT NULL,
	`clouds_json` text NOT NULL,
	`outcome` text(20) NOT NULL,
	`skip_reason` text
);
--> statement-breakpoint
CREATE INDEX `ix_signals_time` ON `signals` (`time`);--> statement-breakpoint
CREATE INDEX `ix_signals_session_id` ON `signals` (`session_id`);--> statement-breakpoint
CREATE INDEX `ix_signals_ticker_time` ON `signals` (`ticker`,`time`);--> statement-breakpoint
CREATE TABLE `trades` (
	`id` text(64) PRIMARY KEY NOT NULL,
	`session_id` text(50),
	`ticker` text(32) NOT NULL,
	`instrument_type` text(20) NOT NULL,
	`trade_type` text(20) NOT NULL,
	`direction` text(5) NOT NULL,
	`quantity` real NOT NULL,
	`entry_price` real NOT NULL,
	`exit_price` real NOT NULL,
	`entry_time` integer NOT NULL,
	`exit_time` integer NOT NULL,
	`pnl` real NOT NULL,
	`pnl_pct` real NOT NULL,
	`signal_type` text(30),
	`conviction` integer,
	`timeframe` text(5) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ix_trades_exit_time` ON `trades` (`exit_time`);--> statement-breakpoint
CREATE INDEX `ix_trades_session_id` ON `trades` (`session_id`);